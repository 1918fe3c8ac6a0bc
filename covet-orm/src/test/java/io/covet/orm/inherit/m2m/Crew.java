package io.covet.orm.inherit.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;

/** A plain model related to a grandchild. */
@Model(table = "mm_crew", ordering = "name")
public class Crew extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String name;
    @ManyToMany
    Related<Studio> studios;

    public Crew() {
    }

    Crew(String name) {
        this.name = name;
    }
}
