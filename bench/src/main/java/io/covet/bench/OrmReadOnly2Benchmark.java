package io.covet.bench;

import io.covet.bench.wide.Wide;
import io.covet.bench.wide.Wide_;
import io.covet.core.Database;
import io.covet.orm.Orm;
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

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code orm-read-only2}: reads 10,000 rows of a ten-column table with {@code only(2 of 10 columns)} into model
 * instances (the key and one more; the other eight deferred), against hand-written JDBC reading the same two
 * columns into POJOs through the same pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class OrmReadOnly2Benchmark {
    static final int ROWS = 10_000;
    static final String SELECT_TWO = "SELECT id, code FROM bench_wide ORDER BY id";

    @Param({"sqlite", "postgresql", "mariadb"})
    public String engine;

    private Database db;
    private Orm orm;
    private DataSource pool;
    private Path file;

    @Setup(Level.Trial)
    public void open() throws Exception {
        if (engine.equals("sqlite")) {
            file = Files.createTempFile("covet-only2-bench", ".db");
            db = Database.open("sqlite:" + file);
        } else if (engine.equals("mariadb")) {
            db = Database.open(BenchUrls.mariadb());
        } else {
            db = Database.open(BenchUrls.postgres().covetUrl());
        }
        pool = db.dataSource();
        orm = Orm.builder().database(db).models(Wide_.TYPE).build();
        db.sql("DROP TABLE IF EXISTS bench_wide").execute();
        orm.createTables();
        List<Wide> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Wide(i));
        }
        orm.objects(Wide_.TYPE).bulkLoad(rows);
        if (covet().size() != ROWS || jdbc().size() != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " rows");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        orm.close();
        db.close();
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** Covet: the query set with {@code only}, the generated per-field reader. */
    @Benchmark
    public List<Wide> covet() {
        return orm.objects(Wide_.TYPE).only(Wide_.CODE).orderBy(Wide_.ID.asc()).list();
    }

    /** The floor: a prepared statement reading the same two columns by index into POJOs. */
    @Benchmark
    public List<Two> jdbc() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_TWO);
             ResultSet rs = ps.executeQuery()) {
            List<Two> out = new ArrayList<>();
            while (rs.next()) {
                Two t = new Two();
                t.id = rs.getLong(1);
                t.code = rs.getString(2);
                out.add(t);
            }
            return out;
        }
    }

    /** The POJO of the JDBC baseline. */
    public static final class Two {
        public Long id;
        public String code;
    }
}
