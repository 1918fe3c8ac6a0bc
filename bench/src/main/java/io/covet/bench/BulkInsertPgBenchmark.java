package io.covet.bench;

import io.covet.core.Database;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code bulk-insert-pg}: loads 200,000 rows into PostgreSQL three ways, each into a freshly truncated table:
 * Covet's {@code bulkLoad} (COPY text protocol), a plain JDBC batch with {@code reWriteBatchedInserts=true}, and
 * the driver's raw {@code CopyManager} fed a pre-encoded text buffer (the floor). One operation = one whole load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BulkInsertPgBenchmark {
    private static final List<String> COLUMNS = List.of("id", "name", "amount", "created");

    @Param("200000")
    public int rows;

    private Database covet;
    private Connection jdbc;
    private Connection raw;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        BenchUrls.Pg pg = BenchUrls.postgres();
        covet = Database.open(pg.covetUrl());
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        p.setProperty("reWriteBatchedInserts", "true");
        jdbc = DriverManager.getConnection(pg.jdbcUrl(), p);
        raw = DriverManager.getConnection(pg.jdbcUrl(), p);
        try (Statement s = raw.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_load");
            s.execute("CREATE TABLE bench_load (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, "
                    + "amount NUMERIC(12,2) NOT NULL, created VARCHAR(32) NOT NULL)");
        }
    }

    @Setup(Level.Invocation)
    public void truncate() throws SQLException {
        try (Statement s = raw.createStatement()) {
            s.execute("TRUNCATE bench_load");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try (Statement s = raw.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_load");
        }
        covet.close();
        jdbc.close();
        raw.close();
    }

    /** Covet's bulk API: rows generated as they are sent, COPY under the hood. */
    @Benchmark
    public long covet() {
        return covet.bulkLoad("bench_load", COLUMNS, rows(rows));
    }

    /** The usual JDBC way: a prepared batch, which the driver rewrites into multi-row INSERTs. */
    @Benchmark
    public long jdbcBatch() throws SQLException {
        jdbc.setAutoCommit(false);
        try (PreparedStatement ps = jdbc.prepareStatement(
                "INSERT INTO bench_load (id, name, amount, created) VALUES (?, ?, ?, ?)")) {
            Iterator<Object[]> it = rows(rows);
            int pending = 0;
            while (it.hasNext()) {
                Object[] r = it.next();
                ps.setLong(1, (Long) r[0]);
                ps.setString(2, (String) r[1]);
                ps.setBigDecimal(3, (java.math.BigDecimal) r[2]);
                ps.setString(4, (String) r[3]);
                ps.addBatch();
                if (++pending == 5_000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            ps.executeBatch();
            jdbc.commit();
        } finally {
            jdbc.setAutoCommit(true);
        }
        return rows;
    }

    /** The floor: the driver's CopyManager writing hand-encoded COPY text. */
    @Benchmark
    public long rawCopy() throws SQLException {
        CopyIn in = raw.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY bench_load (id, name, amount, created) FROM STDIN");
        StringBuilder sb = new StringBuilder(1 << 17);
        Iterator<Object[]> it = rows(rows);
        while (it.hasNext()) {
            Object[] r = it.next();
            sb.append(r[0]).append('\t').append(r[1]).append('\t').append(((java.math.BigDecimal) r[2]).toPlainString())
                    .append('\t').append(r[3]).append('\n');
            if (sb.length() > 1 << 16) {
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(b, 0, b.length);
                sb.setLength(0);
            }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(b, 0, b.length);
        return in.endCopy();
    }

    /** The same deterministic rows for every contender, generated on the fly. */
    static Iterator<Object[]> rows(int count) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public Object[] next() {
                if (i >= count) {
                    throw new NoSuchElementException();
                }
                long n = i++;
                return new Object[]{n, "customer-" + n, java.math.BigDecimal.valueOf(n % 100_000, 2),
                        "2026-01-01T00:00:" + (n % 60) + "Z"};
            }
        };
    }
}
