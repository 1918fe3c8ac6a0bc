package io.covet.orm.inherit.m2m;

import io.covet.orm.Model;

/** A grandchild (Studio extends Hall extends Venue): its own table links to Hall's link column. */
@Model(table = "mm_studio", ordering = "name")
public class Studio extends Hall {
    int booths;

    public Studio() {
    }

    Studio(String name, int seats, int booths) {
        super(name, seats);
        this.booths = booths;
    }
}
