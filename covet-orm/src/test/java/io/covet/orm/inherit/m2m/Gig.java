package io.covet.orm.inherit.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** The through model of Band.gigs: a band playing a multi-table child's hall on a night. */
@Model(table = "mm_gig", ordering = "night")
public class Gig extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Band> band;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Hall> hall;
    @Column(maxLength = 20)
    String night;

    public Gig() {
    }

    Gig(Band band, Hall hall, String night) {
        this.band = Ref.to(band);
        this.hall = Ref.to(hall);
        this.night = night;
    }
}
