package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.migrate.history.app.Purse;
import io.covet.migrate.history.app.Purse_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.orm.audit.AuditTrail;
import io.covet.orm.audit.AutoSeal;
import io.covet.orm.audit.Verification;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AutoSeal}: the audit chain sealed without anyone calling {@code seal()} — after every N writes to tracked
 * tables (ORM and raw SQL, a transaction's writes only once it commits) and on a period; failed seals counted and
 * reported; bad options refused with what to do.
 */
class AutoSealTest {

    /** Waits for a condition the background thread brings about; fails after a minute. Nothing is timed. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached within a minute").isLessThan(end);
            Thread.sleep(20);
        }
    }

    @AllEngines
    void sealsAfterEveryNWritesOnceTheyAreCommitted(Scratch s) {
        Database db = s.db();
        HistoryCaptureTest.migrated(db);
        AutoSeal auto = AutoSeal.create(AutoSeal.Options.builder().afterWrites(3).build());
        Database w = s.open(b -> b.interceptor(auto.interceptor()));
        try (auto) {
            auto.start(w);
            Orm orm = Orm.builder().database(w).models(Account_.TYPE).build();
            Account a = orm.save(new Account("ann", 1));
            a.balance(2);
            orm.save(a);
            auto.awaitIdle();
            Verification v = AuditTrail.of(db).verify();
            assertThat(v.entries()).isZero();
            assertThat(v.unsealed()).isEqualTo(2);

            w.sql("UPDATE account SET balance = 3").execute(); // raw SQL naming no tables: the third write
            auto.awaitIdle();
            v = AuditTrail.of(db).verify();
            assertThat(v.entries()).isEqualTo(3);
            assertThat(v.unsealed()).isZero();
            assertThat(v.ok()).isTrue();
            assertThat(auto.seals()).isEqualTo(1);

            Audit.as(w, "alice", "batch", () -> {
                orm.save(new Account("bob", 1));
                orm.save(new Account("cy", 1));
                orm.save(new Account("di", 1));
                auto.awaitIdle();
                assertThat(auto.seals()).as("no seal before the transaction commits").isEqualTo(1);
                return null;
            });
            auto.awaitIdle();
            assertThat(auto.seals()).isEqualTo(2);
            v = AuditTrail.of(db).verify();
            assertThat(v.entries()).isEqualTo(6);
            assertThat(v.unsealed()).isZero();
            assertThat(v.ok()).isTrue();

            // writes to untracked tables are not counted
            w.sql("CREATE TABLE scratch_note (id INTEGER PRIMARY KEY)").execute();
            for (int i = 1; i <= 3; i++) {
                w.sql("INSERT INTO scratch_note (id) VALUES (?)", i).execute();
            }
            auto.awaitIdle();
            assertThat(auto.seals()).isEqualTo(2);
            assertThat(auto.failures()).isZero();
        }
    }

    /** Application capture: a save's write counts, also on PostgreSQL where the UPDATE is one statement with its
     * version ({@code WITH u AS (UPDATE …) … SELECT COUNT(*)}, run as a query). */
    @AllEngines
    void countsTheSavesOfAnApplicationCapturedModel(Scratch s) {
        Database db = s.db();
        AppCaptureTest.migrate(db);
        AutoSeal auto = AutoSeal.create(AutoSeal.Options.builder().afterWrites(1).build());
        Database w = s.open(b -> b.interceptor(auto.interceptor()));
        try (auto) {
            auto.start(w);
            Orm orm = Orm.builder().database(w).models(Purse_.TYPE).build();
            Purse p = orm.save(new Purse("ann", 1));
            auto.awaitIdle();
            long afterInsert = auto.seals();
            assertThat(afterInsert).as("the insert").isPositive();
            p.balance(2);
            orm.save(p);
            auto.awaitIdle();
            assertThat(auto.seals()).as("the update").isGreaterThan(afterInsert);
            Verification v = AuditTrail.of(db).verify();
            assertThat(v.ok()).isTrue();
            assertThat(v.unsealed()).isZero();
        }
    }

    @AllEngines
    void sealsOnAPeriodAndReportsFailures(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = HistoryCaptureTest.migrated(db);
        orm.save(new Account("ann", 1));
        try (AutoSeal auto = AutoSeal.start(db, AutoSeal.Options.builder().every(Duration.ofMillis(50)).build())) {
            eventually(() -> AuditTrail.of(db).verify().unsealed() == 0);
            assertThat(AuditTrail.of(db).verify().entries()).isEqualTo(1);
            assertThat(auto.seals()).isPositive();
        }

        List<RuntimeException> seen = new CopyOnWriteArrayList<>();
        Database gone = s.open(b -> b);
        try (AutoSeal auto = AutoSeal.start(gone, AutoSeal.Options.builder().every(Duration.ofMillis(50))
                .onFailure(seen::add).build())) {
            gone.close(); // every seal now fails; the sealer keeps running and reports each
            eventually(() -> auto.failures() >= 2);
            assertThat(auto.lastFailure()).isPresent();
            assertThat(seen).isNotEmpty();
        }
    }

    @AllEngines
    void badOptionsAreRefusedWithWhatToDo(Scratch s) {
        assertThatThrownBy(() -> AutoSeal.Options.builder().afterWrites(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AutoSeal afterWrites(0): the number of writes must be at least 1 (1 seals after every "
                        + "write)");
        assertThatThrownBy(() -> AutoSeal.Options.builder().every(Duration.ZERO))
                .hasMessage("AutoSeal every(PT0S): the period must be positive, e.g. Duration.ofMinutes(5)");
        assertThatThrownBy(() -> AutoSeal.Options.builder().build())
                .hasMessage("AutoSeal options: set every(period), afterWrites(n) or both; with neither nothing "
                        + "would ever seal");
        AutoSeal.Options counting = AutoSeal.Options.builder().afterWrites(5).build();
        try (AutoSeal auto = AutoSeal.create(counting)) {
            assertThatThrownBy(() -> auto.start(s.db()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("its interceptor is not registered there, so no write would be counted; "
                            + "build the database with DatabaseConfig.builder(url).interceptor(autoSeal.interceptor())");
        }
    }
}
