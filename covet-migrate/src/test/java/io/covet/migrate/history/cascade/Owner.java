package io.covet.migrate.history.cascade;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** An untracked parent whose delete the database answers by setting its {@link Box}es' owner to NULL. */
@Model(table = "owner")
public class Owner extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;

    public Owner() {
    }

    public Owner(String name) {
        this.name = name;
    }

    public Long id() {
        return id;
    }
}
