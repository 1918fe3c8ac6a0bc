package io.covet.migrate.history;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** {@link Account} renamed to the table {@code ledger} (the RenameModel history test): the same fields. */
@Model(table = "ledger")
@History(exclude = "note")
public class Ledger extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String owner;
    int balance;
    @Column(nullable = true)
    String note;

    public Ledger() {
    }

    public Ledger(String owner, int balance) {
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

    public void note(String n) {
        this.note = n;
    }
}
