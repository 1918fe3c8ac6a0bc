package io.covet.bench;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** {@code history-update-app}'s baseline: the same ledger entry without history. */
@Model(table = "ledger_app_plain")
public class LedgerPlain extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String account;
    long amount;

    public LedgerPlain() {
    }

    public LedgerPlain(String account, long amount) {
        this.account = account;
        this.amount = amount;
    }

    void add(long n) {
        amount += n;
    }
}
