package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Audit#as} reaches the history triggers and never outlives its unit of work: on a pool of one connection
 * the next write (after success and after failure) is unattributed; nested calls restore the outer user; two
 * threads with different users on pools of one and of four record only their own user on their own rows.
 */
class AuditAttributionTest {

    private static List<String> changedBy(Database db, long id) {
        List<String> out = new ArrayList<>();
        db.sql("SELECT changed_by FROM account_history WHERE id = ? ORDER BY history_id", id).list()
                .forEach(r -> out.add(r.getString("changed_by")));
        return out;
    }

    @AllEngines
    void attributionEndsWithItsUnitOfWorkOnAPoolOfOne(Scratch s) {
        Database db = s.open(b -> b.maxPoolSize(1).minIdle(1));
        Orm orm = HistoryCaptureTest.migrated(db);
        Account a = Audit.as(db, "alice", "open", () -> orm.save(new Account("ann", 1)));
        a.balance(2);
        orm.save(a); // same (only) connection, after Audit.as ended
        assertThatThrownBy(() -> Audit.as(db, "mallory", "fails", () -> {
            a.balance(99);
            orm.save(a);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        db.sql("UPDATE account SET balance = 3 WHERE id = ?", a.id()).execute();
        // nested: the inner user for the inner work, the outer one again after it (each row is changed once in
        // the unit of work, since several changes of one row in one unit collapse to one version)
        Account b = orm.save(new Account("bea", 1));
        Account c = orm.save(new Account("cy", 1));
        Audit.as(db, "outer", null, () -> {
            db.sql("UPDATE account SET balance = 4 WHERE id = ?", a.id()).execute();
            Audit.as(db, "inner", null, () -> db.sql("UPDATE account SET balance = 5 WHERE id = ?", b.id()).execute());
            return db.sql("UPDATE account SET balance = 6 WHERE id = ?", c.id()).execute();
        });
        orm.save(new Account("zed", 0));
        assertThat(changedBy(db, a.id())).containsExactly("alice", null, null, "outer");
        assertThat(changedBy(db, b.id())).containsExactly(null, "inner");
        assertThat(changedBy(db, c.id())).containsExactly(null, "outer");
        assertThat(db.sql("SELECT changed_by FROM account_history ORDER BY history_id DESC").list().get(0)
                .getString("changed_by")).isNull();
        if (s.engine() == Engine.MARIADB) {
            assertThat(db.sql("SELECT @covet_user u, @covet_reason r, @covet_tx t").list().get(0).getString("u"))
                    .isNull();
        }
        assertThat(Audit.current()).isEmpty();
    }

    @AllEngines
    void twoThreadsWithDifferentUsersNeverSwapOnPoolsOfOneAndFour(Scratch s) throws Exception {
        Orm setup = HistoryCaptureTest.migrated(s.db());
        long[] ids = {setup.save(new Account("t0", 0)).id(), setup.save(new Account("t1", 0)).id()};
        int rounds = 15;
        for (int pool : new int[]{1, 4}) {
            Database db = s.open(b -> b.maxPoolSize(pool));
            ExecutorService ex = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    long id = ids[t];
                    String user = "user" + t;
                    fs.add(ex.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            int v = pool * 1000 + 2 * i;
                            Audit.as(db, user, "round " + i, () -> db.sql("UPDATE account SET balance = ? WHERE id = ?",
                                    v, id).execute());
                            db.sql("UPDATE account SET balance = ? WHERE id = ?", v + 1, id).execute();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } finally {
                ex.shutdown();
            }
        }
        for (int t = 0; t < 2; t++) {
            List<String> expected = new ArrayList<>();
            expected.add(null); // the insert
            for (int i = 0; i < 2 * rounds; i++) {
                expected.add("user" + t);
                expected.add(null);
            }
            assertThat(changedBy(s.db(), ids[t])).as("row of thread %d", t).containsExactlyElementsOf(expected);
        }
    }
}
