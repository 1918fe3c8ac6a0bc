package io.covet.orm.inherit.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;

/** A plain model related to a multi-table child of a soft-delete root (Truck extends Rig). */
@Model(table = "mm_operator", ordering = "name")
public class Operator extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String name;
    @ManyToMany
    Related<Truck> trucks;

    public Operator() {
    }

    Operator(String name) {
        this.name = name;
    }
}
