package io.covet.examples.ledger;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/**
 * A tracked model: every change of a ledger entry is kept in {@code ledger_entry_history} (see
 * {@code docs/history.md}). Used by {@code bench/run history}.
 */
@Model(table = "ledger_entry")
@History
public class Entry extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String account;
    long amount;

    public Entry() {
    }

    public Entry(String account, long amount) {
        this.account = account;
        this.amount = amount;
    }

    public Long id() {
        return id;
    }

    public String account() {
        return account;
    }

    public long amount() {
        return amount;
    }
}
