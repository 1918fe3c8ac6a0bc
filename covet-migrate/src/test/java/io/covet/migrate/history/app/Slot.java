package io.covet.migrate.history.app;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;

/** A composite primary key (aisle, pos) whose history the ORM writes itself. */
@Model(table = "slot", primaryKey = {"aisle", "pos"})
@History(capture = History.Capture.APPLICATION)
public class Slot extends Entity {
    @Column(maxLength = 10)
    String aisle;
    int pos;
    @Column(maxLength = 40, nullable = true)
    String item;

    public Slot() {
    }

    public Slot(String aisle, int pos, String item) {
        this.aisle = aisle;
        this.pos = pos;
        this.item = item;
    }

    public String aisle() {
        return aisle;
    }

    public int pos() {
        return pos;
    }

    public String item() {
        return item;
    }

    public void item(String i) {
        this.item = i;
    }
}
