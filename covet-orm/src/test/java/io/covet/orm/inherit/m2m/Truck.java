package io.covet.orm.inherit.m2m;

import io.covet.orm.Model;

/** A multi-table child of the soft-delete root Rig. */
@Model(table = "mm_truck", ordering = "name")
public class Truck extends Rig {
    int axles;

    public Truck() {
    }

    Truck(String name, int axles) {
        super(name);
        this.axles = axles;
    }
}
