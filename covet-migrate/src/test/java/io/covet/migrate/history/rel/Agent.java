package io.covet.migrate.history.rel;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** An untracked model (no @History) that a tracked one points at. */
@Model(table = "agent")
public class Agent extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;

    public Agent() {
    }

    public Agent(String name) {
        this.name = name;
    }
}
