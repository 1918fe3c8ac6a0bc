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

/**
 * {@code replica-ryw}: read-your-writes under a forced 200 ms replication delay (PostgreSQL's
 * {@code recovery_min_apply_delay} on the standby; MariaDB's {@code MASTER_DELAY} counts whole seconds, so only
 * PostgreSQL runs). Each iteration writes a row in a {@link ReadSession} and reads it back; the line gives how
 * long the read waited for the replica (p50, p99) and how many reads gave up after the 1 s read-your-writes
 * timeout and read the primary. Every read is checked to see its row.
 */
final class ReplicaRywWorkload {
    private static final String DELAY = "200ms";

    private ReplicaRywWorkload() {
    }

    static List<String> run(boolean quick) throws Exception {
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
            return List.of(String.format("RYW wait_p50_ms=%.1f wait_p99_ms=%.1f fallbacks=%d stale=%d reads=%d "
                            + "forced_lag=%s engine=postgresql", waits[iterations / 2] / 1e6,
                    waits[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)] / 1e6,
                    replicas.readYourWritesFallbacks(), stale, iterations, DELAY));
        } finally {
            setDelay(urls, "0");
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
