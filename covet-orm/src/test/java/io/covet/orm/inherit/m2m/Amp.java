package io.covet.orm.inherit.m2m;

import io.covet.orm.Model;

/** A single-table subclass of Gear, the target of Band.amps. */
@Model(discriminatorValue = "amp")
public class Amp extends Gear {
    int watts;

    public Amp() {
    }

    Amp(String label, int watts) {
        super(label);
        this.watts = watts;
    }
}
