package io.covet.migrate.history.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A tracked model at the far end of {@link Club}'s many-to-many relations. */
@Model(table = "player")
@History
public class Player extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;

    public Player() {
    }

    public Player(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void name(String n) {
        this.name = n;
    }
}
