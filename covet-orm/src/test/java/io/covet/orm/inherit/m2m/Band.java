package io.covet.orm.inherit.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;

/** A plain model with many-to-many relations to a multi-table child (automatic and through) and to a subclass. */
@Model(table = "mm_band", ordering = "name")
public class Band extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String name;
    @ManyToMany
    Related<Hall> halls;
    @ManyToMany
    Related<Amp> amps;
    @ManyToMany(through = Gig.class)
    Related<Hall> gigs;

    public Band() {
    }

    Band(String name) {
        this.name = name;
    }
}
