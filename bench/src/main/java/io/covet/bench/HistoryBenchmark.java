package io.covet.bench;

import io.covet.core.Database;
import io.covet.examples.ledger.Entry;
import io.covet.examples.ledger.Entry_;
import io.covet.migrate.OrmSchemaSource;
import io.covet.orm.Orm;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code history-update} and {@code history-asof}, on each engine. The tracked table {@code ledger_entry}
 * ({@code @History}, triggers as a migration creates them) holds {@link #keys()} rows whose history has
 * {@value #VERSIONS} versions each (50,000 × 20 = 1,000,000 history rows; a quick run, 5,000 × 20 = 100,000),
 * written by the triggers themselves through whole-table updates. {@code history-update}: a one-row UPDATE by key
 * on it versus the same UPDATE on {@code ledger_plain}, an untracked table made by the same DDL (same key, types
 * and constraints) holding the same rows. {@code history-asof}: {@code asOf(t).filter(id = k)} (t in the middle of
 * the history) versus the same query on the current table. Both sides run in autocommit on the same connection
 * pool (so with the same SQLite pragmas), and both tables are analysed (PostgreSQL: vacuumed too) after loading.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class HistoryBenchmark {
    static final int VERSIONS = 20;

    /** Keys of the tracked table: 50,000, or 5,000 when {@code bench/run --quick} sets {@code covet.bench.quick}. */
    static int keys() {
        return Boolean.getBoolean("covet.bench.quick") ? 5_000 : 50_000;
    }

    @Param({"sqlite", "postgresql", "mariadb"})
    public String engine;

    private Database db;
    private Orm orm;
    private Path file;
    private long[] ids;
    private Instant middle;
    private int next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String url = switch (engine) {
            case "sqlite" -> {
                file = Files.createTempFile("covet-bench-history-", ".db");
                yield "sqlite:" + file;
            }
            case "postgresql" -> BenchUrls.postgres().covetUrl();
            default -> BenchUrls.mariadb();
        };
        db = Database.open(url);
        orm = Orm.builder().database(db).models(Entry_.TYPE).build();
        HistoryTriggers triggers = HistoryTriggers.of(db.dialect());
        triggers.drop("ledger_entry").forEach(s -> db.sql(s).execute());
        for (String t : List.of("ledger_entry_history", "ledger_entry", "ledger_plain")) {
            db.sql("DROP TABLE IF EXISTS " + db.dialect().quote(t)).execute();
        }
        Schema schema = OrmSchemaSource.of(orm).schema();
        SchemaDdl ddl = SchemaDdl.of(db.dialect());
        Table source = schema.require("ledger_entry");
        Table history = HistoryTable.historyOf(schema, "ledger_entry").orElseThrow();
        ddl.createTable(source).forEach(s -> db.sql(s).execute());
        ddl.createTable(history).forEach(s -> db.sql(s).execute());
        db.sql(HistoryTable.horizonDdl(db.dialect())).execute(); // as the migration creating a history table does
        List<Entry> rows = new ArrayList<>();
        for (int i = 0, n = keys(); i < n; i++) {
            rows.add(new Entry("acct-" + i, i));
        }
        orm.objects(Entry_.TYPE).bulkCreate(rows);
        if (!source.indexes().isEmpty()) {
            throw new IllegalStateException("ledger_plain would share index names with ledger_entry");
        }
        // the same DDL as the tracked table, so the baseline's key lookup and row layout are the same
        ddl.createTable(source.withName("ledger_plain")).forEach(s -> db.sql(s).execute());
        db.sql("INSERT INTO ledger_plain SELECT * FROM ledger_entry").execute();
        // the triggers of a migration, after the first rows so that every key's history starts with an update
        triggers.create(source, history).forEach(s -> db.sql(s).execute());
        for (int v = 0; v < VERSIONS; v++) {
            db.sql("UPDATE ledger_entry SET amount = amount + 1").execute();
            if (v == VERSIONS / 2) {
                String t = db.sql("SELECT MAX(valid_from) AS t FROM ledger_entry_history").list().get(0).getString("t");
                middle = LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
        }
        ids = db.sql("SELECT id FROM ledger_entry ORDER BY id").list().stream().mapToLong(r -> r.getLong("id"))
                .toArray();
        switch (engine) {
            // the whole-table updates left dead row versions in both tables; autovacuum would clear them later
            case "postgresql" -> db.sql("VACUUM ANALYZE").execute();
            case "mariadb" -> db.sql("ANALYZE TABLE ledger_entry, ledger_entry_history, ledger_plain").list();
            default -> db.sql("ANALYZE").execute();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        db.close();
        if (file != null) {
            SqliteFiles.delete(file);
        }
    }

    private long nextId() {
        long id = ids[next];
        next = (next + 7919) % ids.length;
        return id;
    }

    /** One-row update of the tracked table: the triggers close the open version and write the new one. */
    @Benchmark
    public long updateTracked() {
        return db.sql("UPDATE ledger_entry SET amount = amount + 1 WHERE id = ?", nextId()).execute();
    }

    /** The same update on the untracked copy. */
    @Benchmark
    public long updatePlain() {
        return db.sql("UPDATE ledger_plain SET amount = amount + 1 WHERE id = ?", nextId()).execute();
    }

    /** One row as of the middle of the history. */
    @Benchmark
    public List<Entry> asOf() {
        return orm.objects(Entry_.TYPE).asOf(middle).filter(Entry_.ID.eq(nextId())).list();
    }

    /** The same query on the current table. */
    @Benchmark
    public List<Entry> current() {
        return orm.objects(Entry_.TYPE).filter(Entry_.ID.eq(nextId())).list();
    }
}
