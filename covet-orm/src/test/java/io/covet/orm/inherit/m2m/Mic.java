package io.covet.orm.inherit.m2m;

import io.covet.orm.Column;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.Related;

/** A single-table subclass of Gear that owns a many-to-many relation to a plain model. */
@Model(discriminatorValue = "mic")
public class Mic extends Gear {
    @Column(maxLength = 20)
    String pattern;
    @ManyToMany
    Related<Band> bands;

    public Mic() {
    }

    Mic(String label, String pattern) {
        super(label);
        this.pattern = pattern;
    }
}
