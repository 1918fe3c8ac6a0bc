package io.covet.bench;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.replica.ReadSession;
import io.covet.core.replica.ReplicaConfig;
import io.covet.core.replica.Replicas;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code replica-ryw}: read-your-writes under a forced 200 ms replication delay, one line per engine. PostgreSQL:
 * {@code recovery_min_apply_delay = 200ms} on the standby. MariaDB ({@code MASTER_DELAY} counts whole seconds): a
 * controlled window per iteration, the replica's SQL thread stopped before the write ({@code STOP SLAVE
 * SQL_THREAD}) and started again 200 ms later, with the heartbeat lag measure on. Each iteration writes a row in a
 * {@link ReadSession} and reads it back; the line gives how long the read waited for the replica (p50, p99) and
 * how many reads gave up after the 1 s read-your-writes timeout and read the primary. Every read is checked to see
 * its row.
 */
final class ReplicaRywWorkload {
    private static final String DELAY = "200ms";
    private static final long DELAY_MILLIS = 200;

    private ReplicaRywWorkload() {
    }

    static List<String> run(boolean quick) throws Exception {
        return List.of(postgres(quick), mariadb(quick));
    }

    private static String postgres(boolean quick) throws Exception {
        int iterations = quick ? 30 : 150;
        BenchUrls.Replicated urls = BenchUrls.replicated("postgresql");
        setDelay(urls, DELAY);
        try (Database db = Database.open(DatabaseConfig.builder("ryw", urls.primary()).maxPoolSize(4)
                .replicas(ReplicaConfig.builder().replica(urls.replica(), 1, Duration.ofHours(1))
                        .readYourWritesTimeout(Duration.ofSeconds(1)).build()).build())) {
            db.sql("DROP TABLE IF EXISTS bench_ryw").execute();
            db.sql("CREATE TABLE bench_ryw (id INT PRIMARY KEY)").execute();
            Replicas replicas = db.replicas().orElseThrow();
            ReadSession session = ReadSession.start();
            long[] waits = new long[iterations];
            int stale = 0;
            for (int i = 0; i < iterations; i++) {
                int id = i;
                session.run(() -> db.sql("INSERT INTO bench_ryw (id) VALUES (?)", id).execute());
                long t0 = System.nanoTime();
                boolean seen = session.run(() -> !db.sql("SELECT id FROM bench_ryw WHERE id = ?", id).list().isEmpty());
                waits[i] = System.nanoTime() - t0;
                if (!seen) {
                    stale++;
                }
            }
            Arrays.sort(waits);
            return String.format("RYW wait_p50_ms=%.1f wait_p99_ms=%.1f fallbacks=%d stale=%d reads=%d "
                            + "forced_lag=%s engine=postgresql", waits[iterations / 2] / 1e6,
                    waits[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)] / 1e6,
                    replicas.readYourWritesFallbacks(), stale, iterations, DELAY);
        } finally {
            setDelay(urls, "0");
        }
    }

    private static String mariadb(boolean quick) throws Exception {
        int iterations = quick ? 30 : 150;
        BenchUrls.Replicated urls = BenchUrls.replicated("mariadb");
        io.covet.core.DatabaseUrl u = io.covet.core.DatabaseUrl.parse(urls.replica());
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        try (Connection admin = DriverManager.getConnection("jdbc:mariadb://" + u.location() + "/" + u.database(),
                u.user().orElse("root"), u.password().orElse(""));
             Statement st = admin.createStatement();
             Database db = Database.open(DatabaseConfig.builder("ryw", urls.primary()).maxPoolSize(4)
                     .replicas(ReplicaConfig.builder().replica(urls.replica(), 1, Duration.ofHours(1))
                             .heartbeat(true).readYourWritesTimeout(Duration.ofSeconds(1)).build()).build())) {
            db.sql("DROP TABLE IF EXISTS bench_ryw").execute();
            db.sql("CREATE TABLE bench_ryw (id INT PRIMARY KEY)").execute();
            Replicas replicas = db.replicas().orElseThrow();
            ReadSession session = ReadSession.start();
            long[] waits = new long[iterations];
            int stale = 0;
            try {
                for (int i = 0; i < iterations; i++) {
                    int id = i;
                    st.execute("STOP SLAVE SQL_THREAD");
                    session.run(() -> db.sql("INSERT INTO bench_ryw (id) VALUES (?)", id).execute());
                    ScheduledFuture<?> start = starter.schedule(() -> {
                        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + u.location() + "/"
                                + u.database(), u.user().orElse("root"), u.password().orElse(""));
                             Statement s2 = c.createStatement()) {
                            s2.execute("START SLAVE SQL_THREAD");
                        }
                        return null;
                    }, DELAY_MILLIS, TimeUnit.MILLISECONDS);
                    long t0 = System.nanoTime();
                    boolean seen = session.run(() -> !db.sql("SELECT id FROM bench_ryw WHERE id = ?", id).list()
                            .isEmpty());
                    waits[i] = System.nanoTime() - t0;
                    start.get();
                    if (!seen) {
                        stale++;
                    }
                }
            } finally {
                st.execute("START SLAVE SQL_THREAD");
            }
            Arrays.sort(waits);
            return String.format("RYW wait_p50_ms=%.1f wait_p99_ms=%.1f fallbacks=%d stale=%d reads=%d "
                            + "forced_lag=%s engine=mariadb (SQL thread stopped for the window, heartbeat lag)",
                    waits[iterations / 2] / 1e6,
                    waits[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)] / 1e6,
                    replicas.readYourWritesFallbacks(), stale, iterations, DELAY);
        } finally {
            starter.shutdownNow();
        }
    }

    private static void setDelay(BenchUrls.Replicated urls, String delay) throws Exception {
        io.covet.core.DatabaseUrl u = io.covet.core.DatabaseUrl.parse(urls.replica());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + u.location() + "/" + u.database(),
                u.user().orElse("postgres"), u.password().orElse(""));
             Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET recovery_min_apply_delay = '" + delay + "'");
            st.execute("SELECT pg_reload_conf()");
        }
    }
}
