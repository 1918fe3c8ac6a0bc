package io.covet.orm.inherit;

import io.covet.orm.Model;

/** A multi-table child of the soft-delete root Asset. */
@Model(table = "inh_machine")
public class Machine extends Asset {
    int power;

    public Machine() {
    }

    Machine(String name, int power) {
        super(name);
        this.power = power;
    }
}
