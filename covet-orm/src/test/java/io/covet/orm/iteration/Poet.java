package io.covet.orm.iteration;

import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;
import io.covet.orm.Reverse;

/** A poet and, through the reverse relation, the poems. */
@Model(table = "poet", ordering = "id")
public class Poet extends Entity {
    @PrimaryKey
    Long id;
    String name;
    @Reverse(field = "poet")
    Related<Poem> poems;

    public Poet() {
    }

    Poet(String name) {
        this.name = name;
    }
}
