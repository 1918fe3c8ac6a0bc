package io.covet.bench;

import io.covet.core.Database;
import io.covet.migrate.OrmSchemaSource;
import io.covet.orm.Orm;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code history-update-app}, on each engine: a one-row update through the ORM ({@code orm.save} of a loaded
 * instance whose amount changed) of {@code ledger_app}, whose history the ORM writes itself
 * ({@code @History(capture = APPLICATION)}: the UPDATE, then the one version statement, in the save's transaction),
 * versus the same save of {@code ledger_app_plain}, an untracked copy. {@value #KEYS} rows each, whose history starts
 * with {@value #VERSIONS} versions per row (written by whole-table {@code QuerySet.update}s). Both sides run the same
 * {@code orm.save} in the same transaction shape (one {@code db.atomic}: UPDATE, then COMMIT) on one connection
 * pool, so the same pragmas on SQLite (WAL, synchronous NORMAL); each fork first saves both models
 * {@value #WARM_SAVES} times. {@link HistoryAppInterleaved} measures the two alternately, which a loaded machine
 * needs: JMH measures them one after the other.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class HistoryAppBenchmark {
    static final int KEYS = 5_000;
    static final int VERSIONS = 20;
    static final int WARM_SAVES = 1_000;

    @Param({"sqlite", "postgresql", "mariadb"})
    public String engine;

    private Database db;
    private Orm orm;
    private Path file;
    private List<LedgerApp> tracked;
    private List<LedgerPlain> plain;
    private int next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String url = switch (engine) {
            case "sqlite" -> {
                file = Files.createTempFile("covet-bench-history-app-", ".db");
                yield "sqlite:" + file;
            }
            case "postgresql" -> BenchUrls.postgres().covetUrl();
            default -> BenchUrls.mariadb();
        };
        db = Database.open(url);
        orm = Orm.builder().database(db).models(LedgerApp_.TYPE, LedgerPlain_.TYPE).build();
        for (String t : List.of("ledger_app_history", "ledger_app", "ledger_app_plain")) {
            db.sql("DROP TABLE IF EXISTS " + db.dialect().quote(t)).execute();
        }
        // the tables a migration makes (the history table with its as-of index, no triggers)
        Schema schema = OrmSchemaSource.of(orm).schema();
        SchemaDdl ddl = SchemaDdl.of(db.dialect());
        for (String t : List.of("ledger_app", "ledger_app_history", "ledger_app_plain")) {
            ddl.createTable(schema.require(t)).forEach(s -> db.sql(s).execute());
        }
        List<LedgerApp> rows = new java.util.ArrayList<>();
        List<LedgerPlain> copies = new java.util.ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            rows.add(new LedgerApp("acct-" + i, i));
            copies.add(new LedgerPlain("acct-" + i, i));
        }
        orm.objects(LedgerApp_.TYPE).bulkCreate(rows);
        orm.objects(LedgerPlain_.TYPE).bulkCreate(copies);
        for (int v = 1; v < VERSIONS; v++) {
            orm.objects(LedgerApp_.TYPE).update(LedgerApp_.AMOUNT.set(v * 1_000_000L));
        }
        tracked = orm.objects(LedgerApp_.TYPE).orderBy(LedgerApp_.ID.asc()).list();
        plain = orm.objects(LedgerPlain_.TYPE).orderBy(LedgerPlain_.ID.asc()).list();
        if (engine.equals("postgresql")) {
            db.sql("ANALYZE").execute();
        }
        if (engine.equals("sqlite")) {
            // the setup's writes (about 100,000 versions) leave a large write-ahead log: start from an empty one
            db.sql("PRAGMA wal_checkpoint(TRUNCATE)").list();
        }
        // Both paths warmed in every fork (JMH runs each method in its own): the JIT has compiled the ORM save and
        // the version statement, the engines' caches hold both tables, whichever method is then measured.
        for (int i = 0; i < WARM_SAVES; i++) {
            saveTracked();
            savePlain();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        db.close();
        if (file != null) {
            SqliteFiles.delete(file);
        }
    }

    private int nextIndex() {
        int i = next;
        next = (next + 7919) % KEYS;
        return i;
    }

    /** One-row save of the tracked model: the UPDATE, then its version, in one transaction. */
    @Benchmark
    public LedgerApp saveTracked() {
        LedgerApp e = tracked.get(nextIndex());
        e.add(1);
        return orm.save(e);
    }

    /** The same save of the untracked copy. */
    @Benchmark
    public LedgerPlain savePlain() {
        LedgerPlain e = plain.get(nextIndex());
        e.add(1);
        return orm.save(e);
    }
}
