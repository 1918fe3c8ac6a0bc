package io.covet.core.resilience;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DatabaseUnavailable;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.core.error.SqlSyntaxError;
import io.covet.core.error.UniqueViolation;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.tx.RetryPolicy;
import io.covet.core.tx.TxOptions;
import io.covet.testing.AllEngines;
import io.covet.testing.FaultProxy;
import io.covet.testing.Scratch;
import io.covet.testing.TempFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The breaker, retries, bulkhead, read-only mode and fallback on each engine, with real failures: a server
 * behind a {@link FaultProxy} that resets or refuses connections, and on SQLite a database whose directory was
 * removed (a new connection then fails with SQLITE_CANTOPEN).
 */
class ResilienceTest {
    private static final ResilienceSettings QUICK = ResilienceSettings.builder()
            .minimumCalls(2).slidingWindow(4).failureRateThreshold(50).openDuration(Duration.ofMillis(800))
            .maxAttempts(1).build();

    private static UnaryOperator<DatabaseConfig.Builder> with(ResilienceSettings r) {
        return b -> b.resilience(r).connectionTimeout(Duration.ofSeconds(1));
    }

    private static Resilience state(Database db) {
        return db.resilience().orElseThrow();
    }

    @AllEngines
    void withoutSettingsThereIsNoResilienceLink(Scratch s) {
        assertThat(s.db().resilience()).isEmpty();
    }

    @AllEngines
    void readOnlyModeRefusesWritesInsideAndOutsideTransactionsAndServesReads(Scratch s) {
        Database db = s.open(with(ResilienceSettings.builder().readOnly(true).build()));
        assertThatThrownBy(() -> db.sql("CREATE TABLE ro (id INT PRIMARY KEY)").execute())
                .isInstanceOf(ReadOnlyViolation.class)
                .hasMessageContaining("write refused: database 'default' is in read-only mode")
                .hasMessageContaining("reads are served");
        state(db).readOnly(false);
        db.sql("CREATE TABLE ro (id INT PRIMARY KEY)").execute();
        db.sql("INSERT INTO ro VALUES (1)").execute();
        state(db).readOnly(true);
        assertThat(state(db).readOnly()).isTrue();
        assertThatThrownBy(() -> db.sql("INSERT INTO ro VALUES (2)").execute()).isInstanceOf(ReadOnlyViolation.class);
        assertThatThrownBy(() -> db.batch("INSERT INTO ro VALUES (?)", List.of(List.of(3))))
                .isInstanceOf(ReadOnlyViolation.class);
        assertThatThrownBy(() -> db.atomicRun(tx -> db.sql("DELETE FROM ro").execute()))
                .isInstanceOf(ReadOnlyViolation.class);
        List<Integer> inTx = db.atomic(tx -> db.sql("SELECT id FROM ro").list(rs -> rs.getInt(1)));
        assertThat(inTx).containsExactly(1);
        assertThat(db.sql("SELECT COUNT(*) FROM ro").list(rs -> rs.getInt(1))).containsExactly(1);
        state(db).readOnly(false);
        db.sql("INSERT INTO ro VALUES (2)").execute();
        assertThat(db.sql("SELECT COUNT(*) FROM ro").list(rs -> rs.getInt(1))).containsExactly(2);
    }

    @AllEngines
    void callerErrorsAndContentionNeverOpenTheBreaker(Scratch s) {
        Database db = s.open(with(QUICK));
        db.sql("CREATE TABLE u (id INT PRIMARY KEY)").execute();
        db.sql("INSERT INTO u VALUES (1)").execute();
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> db.sql("INSERT INTO u VALUES (1)").execute()).isInstanceOf(UniqueViolation.class);
            assertThatThrownBy(() -> db.sql("SELEC oops").list()).isInstanceOf(SqlSyntaxError.class);
        }
        assertThat(state(db).state()).isEqualTo(BreakerState.CLOSED);
        assertThat(state(db).failureRate()).isZero();
        assertThat(state(db).timesOpened()).isZero();
    }

    @AllEngines
    void breakerOpensWhenTheServerIsLostFailsFastAndClosesAfterAProbe(Scratch s) throws Exception {
        if (!Faults.server(s.engine())) {
            sqliteBreaker(s);
            return;
        }
        try (FaultProxy proxy = Faults.proxy(s);
             Database db = Database.open(with(QUICK).apply(DatabaseConfig.builder("orders", Faults.through(s, proxy))
                     .minIdle(0)).build())) {
            assertThat(db.sql("SELECT 1").list(rs -> rs.getInt(1))).containsExactly(1);
            proxy.mode(FaultProxy.Mode.REFUSE);
            // the window holds the first success: the breaker opens at the first or second lost connection
            for (int i = 0; i < 2 && state(db).state() == BreakerState.CLOSED; i++) {
                assertThat(catchThrowable(() -> db.sql("SELECT 1").list())).isInstanceOf(ConnectionFailure.class);
            }
            assertThat(state(db).state()).isEqualTo(BreakerState.OPEN);
            int reached = proxy.accepted();
            DatabaseUnavailable refused = (DatabaseUnavailable) catchThrowable(() -> db.sql("SELECT 1").list());
            assertThat(refused).isNotNull();
            // refused without touching the network: the proxy saw no new connection
            assertThat(proxy.accepted()).isEqualTo(reached);
            assertThat(refused.isTransient()).isTrue();
            assertThat(refused.database()).isEqualTo("orders");
            assertThat(refused.state()).isEqualTo("OPEN");
            assertThat(refused.nextProbe()).isPresent();
            assertThat(refused.getMessage()).contains("database 'orders' (" + s.engine().displayName()
                    + ") is unavailable: its circuit breaker is OPEN").contains("probes the server again at")
                    .contains("Last failure: ConnectionFailure").doesNotContain("covet:covet");
            // writes and transactions are refused alike
            assertThatThrownBy(() -> db.atomic(tx -> 1)).isInstanceOf(DatabaseUnavailable.class);

            proxy.mode(FaultProxy.Mode.PASS);
            awaitProbeTime(state(db));
            assertThat(db.sql("SELECT 2").list(rs -> rs.getInt(1))).containsExactly(2);
            assertThat(state(db).state()).isEqualTo(BreakerState.CLOSED);
            assertThat(state(db).timesOpened()).isEqualTo(1);
            assertThat(state(db).rejectedCalls()).isGreaterThanOrEqualTo(2);
        }
    }

    /** SQLite: the breaker opens on SQLITE_CANTOPEN when the database's directory is gone, closes when it is back. */
    private static void sqliteBreaker(Scratch s) throws Exception {
        Path dir = Files.createTempDirectory("covet-breaker-");
        try (Database db = Database.open(with(QUICK).apply(DatabaseConfig.builder("local",
                "sqlite:" + dir.resolve("app.db")).maxPoolSize(2).minIdle(0)).build())) {
            db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY)").execute();
            TempFiles.deleteTree(dir);
            try (Stream<Integer> held = db.sql("SELECT 1").stream(rs -> rs.getInt(1))) {
                assertThat(held.iterator().next()).isEqualTo(1);
                for (int i = 0; i < 2; i++) {
                    assertThat(catchThrowable(() -> db.sql("SELECT 1").list())).isInstanceOf(ConnectionFailure.class)
                            .hasMessageContaining("directory exists");
                }
                assertThat(state(db).state()).isEqualTo(BreakerState.OPEN);
                assertThatThrownBy(() -> db.sql("SELECT 1").list()).isInstanceOf(DatabaseUnavailable.class)
                        .hasMessageContaining("database 'local' (SQLite) is unavailable");
                Files.createDirectories(dir);
                awaitProbeTime(state(db));
                assertThat(db.sql("SELECT 2").list(rs -> rs.getInt(1))).containsExactly(2);
                assertThat(state(db).state()).isEqualTo(BreakerState.CLOSED);
            }
        } finally {
            TempFiles.deleteTree(dir);
        }
    }

    private static void awaitProbeTime(Resilience r) throws InterruptedException {
        Instant next = r.nextProbe().orElseThrow();
        long wait = Duration.between(Instant.now(), next).toMillis() + 50;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    @AllEngines
    void retriesReadsAndIdempotentWritesButNeitherOtherWritesNorStatementsInTransactions(Scratch s) throws Exception {
        ResilienceSettings retrying = ResilienceSettings.builder().circuitBreaker(false).maxAttempts(3)
                .backoff(Duration.ofMillis(10), 2, 0.5, Duration.ofMillis(50)).build();
        if (!Faults.server(s.engine())) {
            sqliteRetries(retrying);
            return;
        }
        s.db().sql("CREATE TABLE r (id INT PRIMARY KEY, n INT NOT NULL)").execute();
        s.db().sql("INSERT INTO r VALUES (1, 0)").execute();
        try (FaultProxy proxy = Faults.proxy(s)) {
            Faults.BreakAfterBorrow breaker = new Faults.BreakAfterBorrow(proxy);
            try (Database db = Database.open(with(retrying).apply(DatabaseConfig.builder("default",
                    Faults.through(s, proxy)).interceptor(breaker)).build())) {
                Resilience r = state(db);
                breaker.armed.set(true);
                assertThat(db.sql("SELECT n FROM r WHERE id = 1").list(rs -> rs.getInt(1))).containsExactly(0);
                assertThat(r.retries()).isEqualTo(1);

                breaker.armed.set(true);
                assertThatThrownBy(() -> db.sql("UPDATE r SET n = n + 1 WHERE id = 1").execute())
                        .isInstanceOf(ConnectionFailure.class);
                assertThat(r.retries()).as("a write not marked idempotent is not retried").isEqualTo(1);

                breaker.armed.set(true);
                assertThat(db.sql("UPDATE r SET n = 5 WHERE id = 1").idempotent().execute()).isEqualTo(1);
                assertThat(r.retries()).isEqualTo(2);

                AtomicInteger attempts = new AtomicInteger();
                breaker.armed.set(true);
                assertThatThrownBy(() -> db.atomic(TxOptions.builder().retry(RetryPolicy.none()).build(), tx -> {
                    attempts.incrementAndGet();
                    return db.sql("SELECT n FROM r").list();
                })).isInstanceOf(ConnectionFailure.class);
                // MariaDB's driver sends BEGIN at once, so the block may fail before its work runs; never twice
                assertThat(attempts.get()).isLessThanOrEqualTo(1);
                assertThat(r.retries()).as("nothing is retried inside a transaction").isEqualTo(2);

                assertThat(db.sql("SELECT n FROM r WHERE id = 1").list(rs -> rs.getInt(1))).containsExactly(5);
            }
        }
    }

    /** SQLite: a read that cannot get a connection (directory gone) is retried, a write is not. */
    private static void sqliteRetries(ResilienceSettings retrying) throws Exception {
        Path dir = Files.createTempDirectory("covet-retry-");
        try (Database db = Database.open(with(retrying).apply(DatabaseConfig.builder("local",
                "sqlite:" + dir.resolve("app.db")).maxPoolSize(2).minIdle(0)).build())) {
            db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY)").execute();
            TempFiles.deleteTree(dir);
            try (Stream<Integer> held = db.sql("SELECT 1").stream(rs -> rs.getInt(1))) {
                assertThat(held.iterator().next()).isEqualTo(1);
                assertThatThrownBy(() -> db.sql("SELECT 1").list()).isInstanceOf(ConnectionFailure.class);
                assertThat(state(db).retries()).isEqualTo(2);
                assertThatThrownBy(() -> db.sql("INSERT INTO t VALUES (9)").execute()).isInstanceOf(ConnectionFailure.class);
                assertThat(state(db).retries()).isEqualTo(2);
            }
        } finally {
            TempFiles.deleteTree(dir);
        }
    }

    @AllEngines
    void bulkheadCapsConcurrentStatements(Scratch s) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Interceptor hold = new Interceptor() {
            @Override
            public <T> T intercept(Chain<T> chain) {
                if (chain.context().sql().contains("/*hold*/")) {
                    inside.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return chain.proceed();
            }
        };
        Database db = s.open(b -> with(ResilienceSettings.builder().bulkhead(1, Duration.ZERO).build()).apply(b)
                .interceptor(hold));
        CompletableFuture<List<Integer>> first = CompletableFuture.supplyAsync(
                () -> db.sql("SELECT 1 /*hold*/").list(rs -> rs.getInt(1)));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        DatabaseUnavailable full = (DatabaseUnavailable) catchThrowable(() -> db.sql("SELECT 2").list());
        assertThat(full).isNotNull();
        assertThat(full.state()).isEqualTo("BULKHEAD_FULL");
        assertThat(full.getMessage()).contains("bulkhead is full (1 statements running");
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).containsExactly(1);
        assertThat(db.sql("SELECT 2").list(rs -> rs.getInt(1))).containsExactly(2);
        assertThat(state(db).rejectedCalls()).isEqualTo(1);
    }

    @AllEngines
    void readsFallBackWhileTheDatabaseIsUnavailableAndAreFlaggedStale(Scratch s) throws Exception {
        s.db().sql("CREATE TABLE f (id INT PRIMARY KEY)").execute();
        s.db().sql("INSERT INTO f VALUES (7)").execute();
        ResilienceSettings settings = QUICK.toBuilder().readFallback(Faults.direct(s)).build();
        if (!Faults.server(s.engine())) {
            // SQLite: the file is the database; a fallback is another file (a copy), chosen by the same rule
            Path dir = Files.createTempDirectory("covet-fallback-");
            try (Database db = Database.open(with(settings).apply(DatabaseConfig.builder("local",
                    "sqlite:" + dir.resolve("app.db")).maxPoolSize(2).minIdle(0)).build())) {
                db.sql("CREATE TABLE f (id INT PRIMARY KEY)").execute();
                TempFiles.deleteTree(dir);
                try (Stream<Integer> held = db.sql("SELECT 1").stream(rs -> rs.getInt(1))) {
                    assertThat(held.iterator().next()).isEqualTo(1);
                    checkFallback(db);
                }
            } finally {
                TempFiles.deleteTree(dir);
            }
            return;
        }
        try (FaultProxy proxy = Faults.proxy(s);
             Database db = Database.open(with(settings).apply(DatabaseConfig.builder("default",
                     Faults.through(s, proxy)).minIdle(0)).build())) {
            assertThat(db.sql("SELECT id FROM f").list(rs -> rs.getInt(1))).containsExactly(7);
            assertThat(state(db).lastReadWasStale()).isFalse();
            proxy.mode(FaultProxy.Mode.REFUSE);
            checkFallback(db);
            proxy.mode(FaultProxy.Mode.PASS);
            awaitProbeTime(state(db));
            assertThat(db.sql("SELECT id FROM f").list(rs -> rs.getInt(1))).containsExactly(7);
            assertThat(state(db).lastReadWasStale()).isFalse();
            assertThat(state(db).state()).isEqualTo(BreakerState.CLOSED);
        }
    }

    private static void checkFallback(Database db) {
        // the failing reads themselves are served by the fallback, and so are the reads while the breaker is open
        for (int i = 0; i < 3; i++) {
            assertThat(db.sql("SELECT id FROM f").list(rs -> rs.getInt(1))).containsExactly(7);
            assertThat(state(db).lastReadWasStale()).isTrue();
        }
        assertThat(state(db).state()).isEqualTo(BreakerState.OPEN);
        assertThat(state(db).fallbackReads()).isEqualTo(3);
        assertThatThrownBy(() -> db.sql("INSERT INTO f VALUES (8)").execute()).isInstanceOf(DatabaseUnavailable.class);
    }
}
