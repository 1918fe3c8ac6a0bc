package io.covet.migrate.history;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** {@link Ledger} whose history keeps the name {@code account_history} it had as {@link Account}. */
@Model(table = "ledger")
@History(exclude = "note", table = "account_history")
public class KeptLedger extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String owner;
    int balance;
    @Column(nullable = true)
    String note;

    public KeptLedger() {
    }

    public KeptLedger(String owner, int balance) {
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
