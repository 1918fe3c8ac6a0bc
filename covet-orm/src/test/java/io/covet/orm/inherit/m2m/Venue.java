package io.covet.orm.inherit.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;

/** The multi-table parent of the many-to-many inheritance tests; its relation to Crew is inherited by its children. */
@Model(table = "mm_venue", ordering = "name")
public class Venue extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String name;
    @ManyToMany
    Related<Crew> cleaners;

    public Venue() {
    }

    Venue(String name) {
        this.name = name;
    }
}
