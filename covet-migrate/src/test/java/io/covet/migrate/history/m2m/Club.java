package io.covet.migrate.history.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;

/**
 * A tracked model with three many-to-many relations to the tracked {@link Player}: through a tracked link model
 * ({@code members}), through an untracked one ({@code coaches}) and through an automatic link table
 * ({@code fans}).
 */
@Model(table = "club")
@History
public class Club extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;
    @ManyToMany(through = Membership.class)
    Related<Player> members;
    @ManyToMany(through = Coaching.class)
    Related<Player> coaches;
    @ManyToMany
    Related<Player> fans;

    public Club() {
    }

    public Club(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void name(String n) {
        this.name = n;
    }

    public Related<Player> members() {
        return members;
    }

    public Related<Player> fans() {
        return fans;
    }
}
