package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Version;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading the history: {@code asOf(t)} returns the rows as they were after the last change at or before {@code t}
 * (filters, ordering and counting applied to that state); {@code history(obj)} lists a row's versions, chained
 * and attributed, also after the row was deleted. The instants are taken from the database's own clock (the
 * {@code valid_from} of the last change of each step), so no clock of this JVM takes part.
 */
class HistoryReadTest {

    private static Instant lastChange(Database db) {
        String t = db.sql("SELECT MAX(valid_from) AS t FROM account_history").list().get(0).getString("t");
        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    /** Makes the next change start at a later database time than the last one (SQLite keeps milliseconds). */
    private static void nextTick() throws InterruptedException {
        Thread.sleep(5); // separates the steps on the database clock; nothing here measures time
    }

    private static List<String> rows(List<Account> accounts) {
        return accounts.stream().map(a -> a.owner() + " " + a.balance()).toList();
    }

    @AllEngines
    void asOfReturnsTheStateAtAnInstantAndHistoryListsVersions(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = HistoryCaptureTest.migrated(db);
        assertThatThrownBy(() -> orm.objects(Account_.TYPE).asOf(Instant.parse("2000-01-01T00:00:00Z")).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("is before its history began");

        Account a = Audit.as(db, "alice", "open", () -> orm.save(new Account("ann", 10)));
        Account b = orm.save(new Account("bob", 20));
        Instant t1 = lastChange(db);
        nextTick();
        a.balance(15);
        Audit.as(db, "alice", "raise", () -> orm.save(a));
        Instant t2 = lastChange(db);
        nextTick();
        orm.delete(b);
        Instant t3 = lastChange(db);

        assertThatThrownBy(() -> orm.objects(Account_.TYPE).asOf(t1.minusSeconds(3600)).list())
                .hasMessageContaining("is before its history began");
        assertThat(rows(orm.objects(Account_.TYPE).asOf(t1).orderBy(Account_.ID.asc()).list()))
                .containsExactly("ann 10", "bob 20");
        assertThat(rows(orm.objects(Account_.TYPE).asOf(t1).filter(Account_.BALANCE.gt(12)).list()))
                .containsExactly("bob 20");
        assertThat(rows(orm.objects(Account_.TYPE).asOf(t2).orderBy(Account_.BALANCE.desc()).list()))
                .containsExactly("bob 20", "ann 15");
        assertThat(orm.objects(Account_.TYPE).asOf(t2).count()).isEqualTo(2);
        assertThat(rows(orm.objects(Account_.TYPE).asOf(t3).list())).containsExactly("ann 15");
        assertThat(rows(orm.objects(Account_.TYPE).list())).containsExactly("ann 15");

        List<Version<Account>> va = orm.history(a);
        assertThat(va).extracting(v -> v.changeType() + " " + v.state().balance() + " " + v.changedBy() + " "
                + v.reason()).containsExactly("+ 10 alice open", "~ 15 alice raise");
        assertThat(va.get(0).validTo()).isEqualTo(va.get(1).validFrom());
        assertThat(va.get(1).validTo()).isNull();
        assertThat(va.get(0).validFrom()).isBeforeOrEqualTo(t1);
        assertThat(va.get(1).validFrom()).isEqualTo(t2);
        List<Version<Account>> vb = orm.history(b);
        assertThat(vb).extracting(v -> v.changeType() + " " + v.state().owner() + " " + v.changedBy())
                .containsExactly("+ bob null", "- bob null");
        assertThat(vb.get(1).validFrom()).isEqualTo(t3);

        assertThatThrownBy(() -> orm.objects(Account_.TYPE).asOf(t2).update(Account_.BALANCE.set(0)))
                .isInstanceOf(OrmUsageException.class).hasMessageStartingWith("update() on a query asOf(");
        assertThatThrownBy(() -> orm.objects(Account_.TYPE).asOf(t2).delete())
                .hasMessageContaining("the past is read only");
        assertThat(rows(orm.objects(Account_.TYPE).list())).containsExactly("ann 15");

        Orm shop = io.covet.examples.shop.Shop.orm(db);
        assertThatThrownBy(() -> shop.objects(io.covet.examples.shop.Customer_.TYPE).asOf(t3).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("Customer has no @History, so there is no state of the past to read; annotate the model "
                        + "with @History and migrate (history starts then)");
    }
}
