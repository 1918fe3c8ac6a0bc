package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A multi-table child of Place: its own table holds the link and its own fields. */
@Model(table = "inh_restaurant", ordering = "-seats")
public class Restaurant extends Place {
    boolean servesPizza;
    int seats;
    @Column(nullable = true, maxLength = 40)
    String chef;

    public Restaurant() {
    }

    Restaurant(String name, String city, boolean servesPizza, int seats) {
        super(name, city);
        this.servesPizza = servesPizza;
        this.seats = seats;
    }
}
