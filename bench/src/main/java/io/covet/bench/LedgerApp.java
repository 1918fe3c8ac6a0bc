package io.covet.bench;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** {@code history-update-app}: a ledger entry whose history the ORM writes itself. */
@Model(table = "ledger_app")
@History(capture = History.Capture.APPLICATION)
public class LedgerApp extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String account;
    long amount;

    public LedgerApp() {
    }

    public LedgerApp(String account, long amount) {
        this.account = account;
        this.amount = amount;
    }

    void add(long n) {
        amount += n;
    }
}
