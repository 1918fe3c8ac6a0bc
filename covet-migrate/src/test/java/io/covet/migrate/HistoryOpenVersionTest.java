package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The triggers close a key's open version by its {@code history_id} when they find exactly one (the usual case,
 * one index read), and every open version of the key when a hand edit of the history left several: either way
 * the key has one open version afterwards, and the closed ones end where the new one starts.
 */
class HistoryOpenVersionTest {

    @AllEngines
    void anUpdateClosesTheOneOpenVersionOrEveryOneAHandEditLeft(Scratch s) {
        Database db = s.db();
        Orm orm = HistoryCaptureTest.migrated(db);
        Account a = orm.save(new Account("ada", 1));
        Account b = orm.save(new Account("bob", 1));
        db.sql("UPDATE account SET balance = 2 WHERE id = ?", a.id()).execute();
        assertThat(openVersions(db, a.id())).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) AS n FROM account_history WHERE id = ?", a.id()).list().get(0)
                .getLong("n")).isEqualTo(2);

        // a second open version of bob's key, as a hand edit (or a restore of part of the history) could leave
        db.sql("INSERT INTO account_history (id, owner, balance, valid_from, change_type) SELECT id, owner, balance, "
                + "valid_from, change_type FROM account_history WHERE id = ?", b.id()).execute();
        assertThat(openVersions(db, b.id())).isEqualTo(2);
        db.sql("UPDATE account SET balance = 3 WHERE id = ?", b.id()).execute();
        assertThat(openVersions(db, b.id())).isEqualTo(1);
        List<io.covet.core.Row> rows = db.sql("SELECT balance, valid_from, valid_to FROM account_history WHERE id = ? "
                + "ORDER BY history_id", b.id()).list();
        assertThat(rows).extracting(r -> r.getInt("balance")).containsExactly(1, 1, 3);
        String newStart = rows.get(2).getString("valid_from");
        assertThat(rows.subList(0, 2)).extracting(r -> r.getString("valid_to")).containsOnly(newStart);
        assertThat(openVersions(db, a.id())).as("another key's open version is left alone").isEqualTo(1);

        orm.objects(Account_.TYPE).filter(Account_.ID.eq(b.id())).delete();
        assertThat(openVersions(db, b.id())).as("the tombstone").isEqualTo(1);
    }

    private static long openVersions(Database db, long id) {
        return db.sql("SELECT COUNT(*) AS n FROM account_history WHERE id = ? AND valid_to IS NULL", id).list().get(0)
                .getLong("n");
    }
}
