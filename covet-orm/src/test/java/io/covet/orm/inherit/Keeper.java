package io.covet.orm.inherit;

import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A zoo keeper; animals point at their keeper. */
@Model(table = "inh_keeper", ordering = "id")
public class Keeper extends Entity {
    @PrimaryKey
    Long id;
    String name;

    public Keeper() {
    }

    Keeper(String name) {
        this.name = name;
    }
}
