package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.orm.Audit;
import io.covet.orm.FieldChange;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Reverted;
import io.covet.orm.Version;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The history API over recorded versions, on each engine: {@code diff(previous)}, {@code whoChanged},
 * {@code revert} (recorded as a version of its own, naming what it cannot restore), several updates of one row in
 * one unit of work collapsing to one version, and updates that change nothing writing none.
 */
class HistoryApiTest {

    private static long historyRows(Database db) {
        return db.sql("SELECT COUNT(*) AS n FROM account_history").list().get(0).getLong("n");
    }

    @AllEngines
    void diffWhoChangedAndRevert(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = HistoryCaptureTest.migrated(db);
        Account a = Audit.as(db, "alice", "open", () -> orm.save(new Account("ann", 10)));
        a.balance(15);
        Audit.as(db, "bob", "raise", () -> orm.save(a));
        a.note("not tracked");
        orm.save(a); // an excluded field only: no version
        db.sql("UPDATE account SET owner = 'anne' WHERE id = ?", a.id()).execute();

        List<Version<Account>> v = orm.history(a);
        assertThat(v).hasSize(3);
        assertThat(v.get(0).diff(null)).containsOnlyKeys("id", "owner", "balance");
        assertThat(v.get(1).diff(v.get(0))).containsExactly(
                java.util.Map.entry("balance", new Version.Change(10, 15)));
        assertThat(v.get(2).diff(v.get(1))).containsExactly(
                java.util.Map.entry("owner", new Version.Change("ann", "anne")));
        assertThat(v.get(1).fields()).doesNotContainKey("note");

        List<FieldChange> who = orm.whoChanged(a, "balance");
        assertThat(who).extracting(c -> c.before() + ">" + c.after() + " " + c.changedBy() + " " + c.reason())
                .containsExactly("null>10 alice open", "10>15 bob raise");
        assertThat(orm.whoChanged(a, "owner")).extracting(c -> c.after() + " " + c.changedBy())
                .containsExactly("ann alice", "anne null");
        assertThatThrownBy(() -> orm.whoChanged(a, "note")).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("excluded from the history");
        assertThatThrownBy(() -> orm.whoChanged(a, "nope")).hasMessageContaining("no such field");

        Reverted<Account> r = Audit.as(db, "carol", "undo", () -> orm.revert(v.get(0)));
        assertThat(r.notRestored()).containsExactly("note: excluded from the history");
        Account live = orm.objects(Account_.TYPE).get(a.id());
        assertThat(live.owner() + " " + live.balance()).isEqualTo("ann 10");
        List<Version<Account>> after = orm.history(a);
        assertThat(after).hasSize(4);
        assertThat(after.get(3).changedBy() + " " + after.get(3).reason()).isEqualTo("carol undo");
        assertThat(after.get(3).diff(after.get(2)).keySet()).containsExactlyInAnyOrder("owner", "balance");

        // a deleted row comes back through an insert, recorded as one
        orm.delete(live);
        Reverted<Account> back = orm.revert(after.get(3));
        assertThat(orm.objects(Account_.TYPE).get(a.id()).balance()).isEqualTo(10);
        assertThat(orm.history(back.instance())).extracting(Version::changeType).endsWith("-", "+");
        assertThatThrownBy(() -> orm.revert(orm.history(a).get(4))).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("is a deletion");

        // a version without a value for a required field (as when it was recorded before the field was added)
        db.sql("UPDATE account_history SET owner = NULL WHERE change_type = '~' AND balance = 15").execute();
        Version<Account> old = orm.history(a).get(1);
        assertThat(old.fields().get("owner")).isNull();
        Reverted<Account> partial = orm.revert(old);
        assertThat(partial.notRestored()).containsExactly(
                "owner: no value in the version (recorded before the field existed)", "note: excluded from the history");
        Account now = orm.objects(Account_.TYPE).get(a.id());
        assertThat(now.owner() + " " + now.balance()).isEqualTo("ann 15");
    }

    @AllEngines
    void changesInOneUnitOfWorkCollapseAndNoChangeWritesNothing(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = HistoryCaptureTest.migrated(db);
        Account a = orm.save(new Account("ann", 1));
        Account b = orm.save(new Account("bob", 1));
        assertThat(historyRows(db)).isEqualTo(2);

        Audit.as(db, "alice", "three raises", () -> {
            for (int i = 2; i <= 4; i++) {
                a.balance(i);
                orm.save(a);
            }
            db.sql("UPDATE account SET owner = 'anna' WHERE id = ?", a.id()).execute();
            orm.objects(Account_.TYPE).filter(Account_.ID.eq(b.id())).update(Account_.BALANCE.set(7));
            orm.objects(Account_.TYPE).filter(Account_.ID.eq(b.id())).update(Account_.BALANCE.set(8));
            return null;
        });
        List<Version<Account>> va = orm.history(a);
        assertThat(va).extracting(v -> v.changeType() + " " + v.state().owner() + " " + v.state().balance() + " "
                + v.changedBy()).containsExactly("+ ann 1 null", "~ anna 4 alice");
        assertThat(va.get(1).validTo()).isNull();
        assertThat(orm.history(b)).extracting(v -> v.changeType() + " " + v.state().balance())
                .containsExactly("+ 1", "~ 8");

        // a later unit of work is a version of its own
        Audit.as(db, "bob", "again", () -> {
            a.balance(5);
            return orm.save(a);
        });
        assertThat(orm.history(a)).extracting(v -> v.changeType() + " " + v.state().balance())
                .containsExactly("+ 1", "~ 4", "~ 5");

        // nothing changed: no version, through the ORM, QuerySet.update and raw SQL on every engine
        long before = historyRows(db);
        orm.objects(Account_.TYPE).filter(Account_.ID.eq(b.id())).update(Account_.BALANCE.set(8));
        db.sql("UPDATE account SET balance = balance").execute();
        Audit.as(db, "x", "noop", () -> db.sql("UPDATE account SET owner = owner, balance = balance").execute());
        assertThat(historyRows(db)).isEqualTo(before);
    }
}
