package io.covet.migrate.history.rel;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;
import io.covet.orm.Reverse;

/** A tracked model at the "one" end of a relation, for the asOf-with-relations tests. */
@Model(table = "desk")
@History
public class Desk extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;
    @Reverse(field = "desk")
    Related<Ticket> tickets;

    public Desk() {
    }

    public Desk(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void name(String n) {
        this.name = n;
    }

    public Related<Ticket> tickets() {
        return tickets;
    }
}
