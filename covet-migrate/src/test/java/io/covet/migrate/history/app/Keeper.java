package io.covet.migrate.history.app;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** An untracked parent whose delete sets its {@link Coin}s' keeper to NULL. */
@Model(table = "keeper")
public class Keeper extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;

    public Keeper() {
    }

    public Keeper(String name) {
        this.name = name;
    }

    public Long id() {
        return id;
    }
}
