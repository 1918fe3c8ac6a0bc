package io.covet.core.resilience;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.error.CovetException;
import io.covet.core.error.DatabaseUnavailable;
import io.covet.testing.EngineScript;
import io.covet.testing.EngineSource;
import io.covet.testing.TempFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The proof of the fault scenario on throwaway servers this test starts (scripts/engines, own directory
 * and ports, never the shared test servers): four writers insert through {@code db.sql(…).execute()}, the server
 * is killed with SIGKILL (PostgreSQL's postmaster, MariaDB's mariadbd) and restarted 3 s later. Every
 * acknowledged row must be there, none twice; the pool serves within 5 s of the server accepting connections;
 * the breaker opened and closed; no call waited much longer than the acquire timeout. Prints a FAULT line.
 *
 * <p>The servers run with durable commits (PostgreSQL {@code synchronous_commit=on}, InnoDB
 * {@code innodb_flush_log_at_trx_commit=1}): the throwaway servers' speed settings would lose the last
 * acknowledged commits in a crash, which is the server's promise, not Covet's. SQLite has no server to kill; its
 * I/O failures are covered by {@link ResilienceTest}.
 */
class ServerKillTest {
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(2);
    private static final long DOWN_MILLIS = 3000;

    @Test
    void postgresqlKilledMidLoad() throws Exception {
        killMidLoad(Engine.POSTGRESQL);
    }

    @Test
    void mariadbKilledMidLoad() throws Exception {
        killMidLoad(Engine.MARIADB);
    }

    private void killMidLoad(Engine engine) throws Exception {
        assumeTrue(EngineSource.selected().contains(engine), engine + " left out by COVET_TEST_ENGINES");
        Path dir = Files.createTempDirectory("covet-fault-");
        int port = freePort();
        boolean pg = engine == Engine.POSTGRESQL;
        Map<String, String> env = Map.of("COVET_ENGINES_DIR", dir.toString(),
                pg ? "COVET_PG_PORT" : "COVET_MARIADB_PORT", String.valueOf(port));
        String command = pg ? "start-pg" : "start-mariadb";
        try {
            engines(env, command);
            String url = (pg ? "postgresql" : "mariadb") + "://covet:covet@127.0.0.1:" + port + "/covet_test";
            String jdbc = (pg ? "jdbc:postgresql" : "jdbc:mariadb") + "://127.0.0.1:" + port + "/covet_test";
            try (Connection c = DriverManager.getConnection(jdbc, "covet", "covet"); var st = c.createStatement()) {
                if (pg) {
                    st.execute("ALTER SYSTEM SET synchronous_commit = on");
                    st.execute("SELECT pg_reload_conf()");
                } else {
                    st.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 1");
                }
                st.execute("DROP TABLE IF EXISTS fault_rows");
                // no key on id: a write repeated behind the caller's back would show as a duplicate
                st.execute(pg ? "CREATE TABLE fault_rows (seq BIGSERIAL PRIMARY KEY, id BIGINT NOT NULL, writer INT)"
                        : "CREATE TABLE fault_rows (seq BIGINT AUTO_INCREMENT PRIMARY KEY, id BIGINT NOT NULL, "
                        + "writer INT) ENGINE=InnoDB");
            }
            ResilienceSettings resilience = ResilienceSettings.builder().minimumCalls(4).slidingWindow(10)
                    .openDuration(Duration.ofSeconds(1)).build();
            // min-idle 0: while the breaker is open nobody waits on the pool, so HikariCP's connection adder
            // stops, and the half-open probe starts a fresh one; with idle connections to keep, the adder retries
            // all through the outage with a backoff growing to 5 s and may sleep past the restart
            try (Database db = Database.open(DatabaseConfig.builder("faulty", url).maxPoolSize(6).minIdle(0)
                    .connectionTimeout(ACQUIRE_TIMEOUT).resilience(resilience).build())) {
                run(engine, db, dir, env, command, jdbc);
            }
        } finally {
            engines(env, "stop");
            TempFiles.deleteTree(dir);
        }
    }

    private void run(Engine engine, Database db, Path dir, Map<String, String> env, String command, String jdbc)
            throws Exception {
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        AtomicLong nextId = new AtomicLong();
        AtomicLong maxCallNanos = new AtomicLong();
        AtomicLong firstAckAfterUp = new AtomicLong();
        AtomicLong serverUpAt = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    long id = nextId.incrementAndGet();
                    long t0 = System.nanoTime();
                    try {
                        db.sql("INSERT INTO fault_rows (id, writer) VALUES (?, ?)", id, writer).execute();
                        long done = System.nanoTime();
                        acked.add(id);
                        if (serverUpAt.get() != 0) {
                            firstAckAfterUp.compareAndSet(0, done);
                        }
                    } catch (CovetException e) {
                        errorKinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        if (errors.size() < 5) {
                            errors.add(e.toString());
                        }
                        if (e instanceof DatabaseUnavailable) {
                            sleep(20); // a caller told to come back later does not spin
                        }
                    } finally {
                        long took = System.nanoTime() - t0;
                        maxCallNanos.accumulateAndGet(took, Math::max);
                    }
                }
            }, "fault-writer-" + w);
            writers.add(t);
            t.start();
        }
        Thread.sleep(1500);
        long before = acked.size();
        long pid = pid(engine, dir);
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get();
        Thread.sleep(DOWN_MILLIS);
        restart(env, command);
        // when the server accepts connections again, seen by a plain JDBC client polling it
        long upDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < upDeadline) {
            try (Connection c = DriverManager.getConnection(jdbc, "covet", "covet")) {
                serverUpAt.set(System.nanoTime());
                break;
            } catch (java.sql.SQLException e) {
                Thread.sleep(25);
            }
        }
        assertThat(serverUpAt.get()).as("the restarted server accepts connections").isNotZero();
        long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (firstAckAfterUp.get() == 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        stop.set(true);
        for (Thread t : writers) {
            t.join(30_000);
            assertThat(t.isAlive()).as("writer thread finished").isFalse();
        }
        List<Long> present = db.sql("SELECT id FROM fault_rows").list(rs -> rs.getLong(1));
        Set<Long> distinct = new HashSet<>(present);
        long lost = acked.stream().filter(id -> !distinct.contains(id)).count();
        long duplicates = present.size() - distinct.size();
        long recoveredMs = firstAckAfterUp.get() == 0 ? -1
                : Math.max(0, (firstAckAfterUp.get() - serverUpAt.get()) / 1_000_000);
        Resilience r = db.resilience().orElseThrow();
        String breaker = (r.timesOpened() > 0 ? "opened" : "never-opened") + ","
                + (r.state() == BreakerState.CLOSED ? "closed" : r.state().name().toLowerCase());
        System.out.println("FAULT " + engine.name().toLowerCase() + " acked=" + acked.size() + " lost=" + lost
                + " recovered_ms=" + recoveredMs + " breaker=" + breaker + " duplicates=" + duplicates
                + " acked_before_kill=" + before + " max_call_ms=" + maxCallNanos.get() / 1_000_000
                + " errors=" + errorKinds);

        assertThat(before).as("writes went through before the kill").isPositive();
        assertThat(lost).as("acknowledged rows lost; errors: " + errors).isZero();
        assertThat(duplicates).as("rows written twice").isZero();
        assertThat(recoveredMs).as("ms from the server accepting connections to the first acknowledged insert")
                .isBetween(0L, 5000L);
        assertThat(r.timesOpened()).as("the breaker opened during the outage").isPositive();
        assertThat(r.state()).as("and closed after").isEqualTo(BreakerState.CLOSED);
        // an upper bound with a wide margin for a loaded 2-core machine, not a measurement
        assertThat(maxCallNanos.get() / 1_000_000).as("longest call, ms")
                .isLessThan(ACQUIRE_TIMEOUT.toMillis() + 3000);
        assertThat(errorKinds.keySet()).as("callers saw only classified connection errors")
                .isSubsetOf("ConnectionFailure", "DatabaseUnavailable");
    }

    private static long pid(Engine engine, Path dir) throws IOException {
        Path file = engine == Engine.POSTGRESQL ? dir.resolve("pg/postmaster.pid") : dir.resolve("mariadb.pid");
        return Long.parseLong(Files.readAllLines(file).get(0).strip());
    }

    /** Starts the killed server again; PostgreSQL may refuse while its killed backends are still exiting. */
    private static void restart(Map<String, String> env, String command) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                engines(env, command);
                return;
            } catch (AssertionError e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    private static void engines(Map<String, String> env, String command) {
        try {
            EngineScript.run(env, command);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "\n(a missing server package fails this test, it is never "
                    + "skipped)", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
