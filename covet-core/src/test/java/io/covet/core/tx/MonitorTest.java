package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.DeadlockDetected;
import io.covet.testing.AllEngines;
import io.covet.testing.EngineSource;
import io.covet.testing.Scratch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorTest {

    @AllEngines
    void aLongTransactionIsReportedOnceWithItsNameAndWhereItBegan(Scratch s) throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<LongTransaction> reported = new CopyOnWriteArrayList<>();
        Database db = s.open(b -> b.meterRegistry(registry).longTransactionThreshold(Duration.ofMillis(100))
                .longTransactionListener(reported::add));
        db.atomicRun(TxOptions.builder().name("nightly_report").build(), tx -> Thread.sleep(600));
        db.atomicRun(TxOptions.builder().name("quick").build(), tx -> { });
        assertThat(reported).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("nightly_report");
            assertThat(t.database()).isEqualTo("default");
            assertThat(t.age()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(t.beganAt()).anySatisfy(frame -> assertThat(frame.getMethodName())
                    .isEqualTo("aLongTransactionIsReportedOnceWithItsNameAndWhereItBegan"));
        });
        assertThat(registry.counter("covet.tx.long", "db", "default", "block", "nightly_report").count()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aDeadlockCarriesTheEnginesDiagnostics(Engine engine) throws Exception {
        Assumptions.assumeTrue(EngineSource.selected().contains(engine), "engine not selected for this run");
        try (Scratch s = Scratch.on(engine)) {
            Database db = s.open(b -> b.maxPoolSize(4));
            db.sql("CREATE TABLE acct (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)").execute();
            db.sql("INSERT INTO acct (id, v) VALUES (1, 0), (2, 0)").execute();
            CyclicBarrier bothLocked = new CyclicBarrier(2);
            TxOptions once = TxOptions.builder().name("transfer").noRetry().build();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Object>> outcomes = List.of(
                        pool.submit(() -> lockInOrder(db, once, bothLocked, 1, 2)),
                        pool.submit(() -> lockInOrder(db, once, bothLocked, 2, 1)));
                List<Object> results = List.of(outcomes.get(0).get(30, TimeUnit.SECONDS),
                        outcomes.get(1).get(30, TimeUnit.SECONDS));
                assertThat(results).filteredOn(r -> r instanceof DeadlockDetected).singleElement().satisfies(r -> {
                    DeadlockDetected d = (DeadlockDetected) r;
                    assertThat(d.diagnostics()).isPresent();
                    String text = d.diagnostics().orElseThrow();
                    if (engine == Engine.POSTGRESQL) {
                        // the survivor's locks, as PostgreSQL lists them: its row lock on acct and its own transaction id
                        assertThat(text).contains("pg_locks").contains("| acct |").contains("RowExclusiveLock")
                                .contains("transactionid | ExclusiveLock | t |");
                    } else {
                        assertThat(text).contains("LATEST DETECTED DEADLOCK").contains("WE ROLL BACK TRANSACTION");
                    }
                    assertThat(d.getMessage()).doesNotContain(text);
                });
                assertThat(results).filteredOn("done"::equals).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Object lockInOrder(Database db, TxOptions options, CyclicBarrier barrier, int first, int second) {
        try {
            return db.atomic(options, tx -> {
                db.sql("UPDATE acct SET v = v + 1 WHERE id = ?", first).execute();
                barrier.await(10, TimeUnit.SECONDS);
                db.sql("UPDATE acct SET v = v + 1 WHERE id = ?", second).execute();
                Thread.sleep(500); // the survivor keeps its locks while the victim captures the diagnostics
                return "done";
            });
        } catch (Exception e) {
            return e;
        }
    }
}
