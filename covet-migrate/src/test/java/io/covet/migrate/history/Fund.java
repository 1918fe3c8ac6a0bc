package io.covet.migrate.history;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A model whose history MariaDB keeps itself (system versioning), for the system-versioning tests. */
@Model(table = "fund")
@History(capture = History.Capture.SYSTEM_VERSIONING)
public class Fund extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String owner;
    int balance;

    public Fund() {
    }

    public Fund(String owner, int balance) {
        this.owner = owner;
        this.balance = balance;
    }

    public Long id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public int balance() {
        return balance;
    }

    public void balance(int b) {
        this.balance = b;
    }
}
