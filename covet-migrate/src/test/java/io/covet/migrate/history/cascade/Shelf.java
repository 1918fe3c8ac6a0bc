package io.covet.migrate.history.cascade;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A tracked parent whose delete the database cascades to its {@link Box}es (and they to their {@link Item}s). */
@Model(table = "shelf")
@History
public class Shelf extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;

    public Shelf() {
    }

    public Shelf(String name) {
        this.name = name;
    }

    public Long id() {
        return id;
    }
}
