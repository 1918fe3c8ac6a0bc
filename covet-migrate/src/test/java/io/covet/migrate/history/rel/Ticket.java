package io.covet.migrate.history.rel;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A tracked model pointing at a tracked {@link Desk} and an untracked {@link Agent}. */
@Model(table = "ticket")
@History
public class Ticket extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String title;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Desk> desk;
    @ForeignKey(onDelete = OnDelete.SET_NULL, nullable = true)
    Ref<Agent> agent;

    public Ticket() {
    }

    public Ticket(String title, Desk desk) {
        this.title = title;
        this.desk = Ref.to(desk);
    }

    public String title() {
        return title;
    }

    public void title(String t) {
        this.title = t;
    }

    public Ref<Desk> desk() {
        return desk;
    }

    public void desk(Desk d) {
        this.desk = Ref.to(d);
    }
}
