package io.covet.orm.inherit.m2m;

import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.Related;
import io.covet.orm.Reverse;

/**
 * A multi-table child of Venue that owns a many-to-many relation, is the target of others and of Gig's foreign key
 * (its reverse and its relation through Gig inherited by Studio).
 */
@Model(table = "mm_hall", ordering = "name")
public class Hall extends Venue {
    int seats;
    @ManyToMany
    Related<Crew> crew;
    @Reverse(field = "hall")
    Related<Gig> gigs;
    @ManyToMany(through = Gig.class)
    Related<Band> bands;

    public Hall() {
    }

    Hall(String name, int seats) {
        super(name);
        this.seats = seats;
    }
}
