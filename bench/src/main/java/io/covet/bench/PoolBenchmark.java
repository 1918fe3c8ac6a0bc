package io.covet.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.pool.PoolSettings;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * {@code pool-checkout} and {@code pool-checkout-hooks}: borrowing a connection and giving it back, no statement,
 * 4 threads on a pool of 8 (HikariCP-benchmark style). Covet's path is {@code db.withConnection(…)} (lease,
 * managed pool, HikariCP); the baseline is HikariCP's own {@code getConnection()/close()} on the very pool Covet
 * wraps, so the settings are the same. The hooks variant adds a no-op on-checkout and on-checkin hook (which also
 * wraps each lent connection to see its return). {@code pool-checkout-managed} times the managed pool's
 * {@code getConnection()/close()} alone, without the statement executor's lease around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(4)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class PoolBenchmark {
    @Param({"sqlite", "postgresql"})
    public String engine;

    private Database plain;
    private Database hooked;
    private HikariDataSource raw;
    private Path file;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String url;
        if (engine.equals("sqlite")) {
            file = Files.createTempFile("covet-pool-bench", ".db");
            url = "sqlite:" + file;
        } else {
            url = BenchUrls.postgres().covetUrl();
        }
        plain = Database.open(DatabaseConfig.builder("plain", url)
                .pool(PoolSettings.builder().maxSize(8).minIdle(8).build()).build());
        hooked = Database.open(DatabaseConfig.builder("hooked", url)
                .pool(PoolSettings.builder().maxSize(8).minIdle(8).onCheckout(c -> { }).onCheckin(c -> { })
                        .build()).build());
        raw = (HikariDataSource) plain.dataSource();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        plain.close();
        hooked.close();
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** Covet, no hooks. */
    @Benchmark
    public Object covet() {
        return plain.withConnection(c -> c);
    }

    /**
     * Covet's pool layer alone (the managed pool's {@code getConnection()/close()}, no lease or executor): what
     * pool management itself costs over HikariCP.
     */
    @Benchmark
    public Object covetPool() throws SQLException {
        try (Connection c = ((javax.sql.DataSource) plain.pool()).getConnection()) {
            return c;
        }
    }

    /** Covet with no-op check-out and check-in hooks. */
    @Benchmark
    public Object covetHooks() {
        return hooked.withConnection(c -> c);
    }

    /** HikariCP alone, on the pool Covet wraps. */
    @Benchmark
    public Object hikari() throws SQLException {
        try (Connection c = raw.getConnection()) {
            return c;
        }
    }
}
