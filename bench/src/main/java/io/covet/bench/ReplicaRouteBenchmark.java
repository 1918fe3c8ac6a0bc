package io.covet.bench;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.replica.ReplicaConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code replica-route}: a point read by key through a database with a replica, which routes it to the replica
 * (the routing link on the statement pipeline, balancing, the lag state), against the same read on a database
 * opened directly on the replica (its own pool, no routing). Same statement, same server, 4 threads, pools of 8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(4)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class ReplicaRouteBenchmark {
    private static final int ROWS = 1_000;
    private static final String READ = "SELECT id, v FROM bench_replica_kv WHERE id = ?";

    @Param({"postgresql", "mariadb"})
    public String engine;

    private Database routed;
    private Database direct;

    @Setup(Level.Trial)
    public void open() throws Exception {
        BenchUrls.Replicated urls = BenchUrls.replicated(engine);
        try (Database primary = Database.open(urls.primary())) {
            primary.sql("DROP TABLE IF EXISTS bench_replica_kv").execute();
            primary.sql("CREATE TABLE bench_replica_kv (id INT PRIMARY KEY, v VARCHAR(40))").execute();
            List<List<?>> rows = new java.util.ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                rows.add(List.of(i, "value-" + i));
            }
            primary.batch("INSERT INTO bench_replica_kv (id, v) VALUES (?, ?)", rows);
        }
        routed = Database.open(DatabaseConfig.builder("routed", urls.primary()).maxPoolSize(8).minIdle(8)
                .replicas(ReplicaConfig.builder().replica(urls.replica()).build()).build());
        direct = Database.open(DatabaseConfig.builder("direct", urls.replica()).maxPoolSize(8).minIdle(8).build());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (direct.sql("SELECT COUNT(*) FROM bench_replica_kv").onPrimary().list(rs -> rs.getInt(1)).get(0) < ROWS
                || routed.replicas().orElseThrow().degraded()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not catch up with the benchmark table in 60 s");
            }
            Thread.sleep(50);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (routed.replicas().orElseThrow().primaryFallbacks() > 0) {
            throw new IllegalStateException("routed reads fell back to the primary: the comparison is void");
        }
        routed.close();
        direct.close();
    }

    /** Through the router to the replica. */
    @Benchmark
    public Object covet() {
        return routed.sql(READ, ThreadLocalRandom.current().nextInt(ROWS)).list(rs -> rs.getString(2));
    }

    /** Straight to the replica's own pool. */
    @Benchmark
    public Object direct() {
        return direct.sql(READ, ThreadLocalRandom.current().nextInt(ROWS)).list(rs -> rs.getString(2));
    }
}
