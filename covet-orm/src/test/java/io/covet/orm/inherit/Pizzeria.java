package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A grandchild: Pizzeria extends Restaurant extends Place, three tables linked by Place's key. */
@Model(table = "inh_pizzeria", ordering = "name")
public class Pizzeria extends Restaurant {
    int ovens;
    @Column(nullable = true, maxLength = 30)
    String flour;

    public Pizzeria() {
    }

    Pizzeria(String name, String city, int seats, int ovens) {
        super(name, city, true, seats);
        this.ovens = ovens;
    }
}
