package io.covet.cli;

import io.covet.cli.DemoTables.Categories;
import io.covet.cli.DemoTables.Readings;
import io.covet.cli.common.ExitCode;
import io.covet.cli.common.JsonOut;
import io.covet.cli.observe.ShapeReport;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.Row;
import io.covet.core.dialect.Feature;
import io.covet.core.error.UniqueViolation;
import io.covet.core.tx.TxOptions;
import io.covet.observe.Observability;
import io.covet.sql.Column;
import io.covet.sql.Cte;
import io.covet.sql.Field;
import io.covet.sql.Functions;
import io.covet.sql.Sql;
import io.covet.sql.Windows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code covet demo}: Covet's main job end to end on embedded SQLite (or any database given with
 * {@code --database}): connect and detect the engine, create a table, bulk-load rows, stream them back, and
 * print what each step took; it ends with the top three statement shapes and their percentiles.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Covet end to end on embedded SQLite (no server needed): detect, bulk-load, stream.")
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_FILE = "covet-demo.db";

    @Option(names = {"-d", "--database"}, paramLabel = "URL", defaultValue = "sqlite:" + DEFAULT_FILE,
            description = "Database to run the demo in (default: ${DEFAULT-VALUE}, recreated on every run). "
                    + "Give an empty database: the demo creates its demo_ tables and the example shop's tables. "
                    + "A SQLite file that does not exist is created.")
    String url;

    @Option(names = "--rows", defaultValue = "100000", description = "Rows to bulk-load (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--json", description = "Run the same steps silently and print one JSON object of their results "
            + "(engine, features, row counts and times, query results, the shop's backup, top statement shapes).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1, was " + rows);
        }
        PrintWriter out = json ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        Map<String, Object> summary = new LinkedHashMap<>();
        if (url.equals("sqlite:" + DEFAULT_FILE)) {
            freshDefaultFile();
        }
        long t0 = System.nanoTime();
        // Observed like an application would be (covet-observe): the demo ends with its top shapes. The slow-query
        // log is off so that the demo's own output stays readable.
        try (Observability obs = Observability.builder().slowQueryThreshold(Duration.ZERO).build()) {
            Database db = obs.open(DatabaseConfig.builder("default").url(url).build());
            out.printf("Connected to %s in %s%n", db, ms(t0));
            List<String> features = Stream.of(Feature.values()).filter(db::supports)
                    .map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
            out.println("Detected features: " + String.join(", ", features));
            summary.put("database", db.toString());
            summary.put("engine", db.engine().scheme());
            summary.put("features", features);

            db.sql("DROP TABLE IF EXISTS demo_reading").execute();
            db.sql("CREATE TABLE demo_reading (id BIGINT PRIMARY KEY, sensor VARCHAR(32) NOT NULL, "
                    + "reading DOUBLE PRECISION"
                    + " NOT NULL, taken_at VARCHAR(40) NOT NULL)").execute();

            long load = System.nanoTime();
            long loaded = db.bulkLoad("demo_reading", java.util.List.of("id", "sensor", "reading", "taken_at"),
                    readings(rows));
            summary.put("loadedRows", loaded);
            summary.put("loadMillis", millis(load));
            out.printf("Bulk-loaded %,d rows in %s (%s rows/s)%n", loaded, ms(load), perSecond(loaded, load));

            long stream = System.nanoTime();
            double[] sum = {0};
            long streamed = db.sql("SELECT id, reading FROM demo_reading ORDER BY id")
                    .forEach(rs -> rs.getDouble(2), v -> sum[0] += v);
            summary.put("streamedRows", streamed);
            summary.put("streamMillis", millis(stream));
            summary.put("sumOfReadings", sum[0]);
            out.printf("Streamed %,d rows back in %s (%s rows/s), sum of readings %.1f%n",
                    streamed, ms(stream), perSecond(streamed, stream), sum[0]);
            if (streamed != loaded) {
                throw new IllegalStateException("streamed " + streamed + " rows but loaded " + loaded);
            }
            sqlBuilder(db, out, summary);
            transactions(db, out, summary);
            Map<String, Object> shop = new LinkedHashMap<>();
            summary.put("shop", shop);
            DemoShop.run(db, url, out, spec.commandLine().getErr(), shop);
            out.println("Top three statement shapes by total time (covet-observe, measured client-side; "
                    + "`covet serve` shows them live):");
            List<com.fasterxml.jackson.databind.JsonNode> top = ShapeReport.top(
                    ShapeReport.JSON.readTree(obs.snapshot(3).toJson()), ShapeReport.Sort.total, 3);
            ShapeReport.printBrief(out, top);
            summary.put("topShapes", top);
        }
        out.printf("Demo finished in %s%n", ms(t0));
        if (json) {
            summary.put("totalMillis", millis(t0));
            spec.commandLine().getOut().println(JsonOut.write(summary));
        }
        return ExitCode.OK;
    }

    /** The default demo file is the demo's own scratch database: start every run from an empty one. */
    private static void freshDefaultFile() {
        try {
            for (String suffix : new String[]{"", "-wal", "-shm"}) {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(DEFAULT_FILE + suffix));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the previous " + DEFAULT_FILE, e);
        }
    }

    /** Two queries through the typed SQL builder: a window function and a recursive CTE. */
    static void sqlBuilder(Database db, PrintWriter out, Map<String, Object> summary) {
        Readings r = Readings.READINGS;
        // Rank the sensors by their average reading, without a second pass over the table.
        List<Row> ranked = Sql.select(r.SENSOR, Functions.avg(r.READING).as("average"),
                        Windows.rank().over(Windows.orderBy(Functions.avg(r.READING).desc())).as("place"))
                .from(r).groupBy(r.SENSOR).orderBy(Functions.avg(r.READING).desc(), r.SENSOR.asc()).limit(3)
                .fetch(db);
        out.println("Top sensors by average reading (window function over an aggregate):");
        List<Map<String, Object>> sensors = new ArrayList<>();
        summary.put("topSensors", sensors);
        for (Row row : ranked) {
            Map<String, Object> sensor = new LinkedHashMap<>();
            sensor.put("place", row.getLong("place"));
            sensor.put("sensor", row.getString("sensor"));
            sensor.put("average", row.getDouble("average"));
            sensors.add(sensor);
            out.printf(Locale.ROOT, "  #%d %s %.2f%n", row.getLong("place"), row.getString("sensor"),
                    row.getDouble("average"));
        }

        Categories c = Categories.CATEGORIES;
        db.sql("DROP TABLE IF EXISTS demo_category").execute();
        db.sql("CREATE TABLE demo_category (id BIGINT PRIMARY KEY, parent_id BIGINT, name TEXT NOT NULL)")
                .execute();
        Sql.insertInto(c).columns(c.ID, c.PARENT_ID, c.NAME)
                .values(1L, null, "Sensors").values(2L, 1L, "Climate").values(3L, 2L, "Temperature")
                .values(4L, 2L, "Humidity").values(5L, 1L, "Power").execute(db);
        Cte tree = Sql.cte("tree");
        Field<Integer> depth = Sql.val(0, Integer.class).as("depth");
        Field<String> path = c.NAME.as("path");
        Column<Long> treeId = tree.field(c.ID);
        Column<Integer> treeDepth = tree.field(depth);
        Column<String> treePath = tree.field(path);
        Cte walk = tree.as(Sql.select(c.ID, depth, path).from(c).where(c.PARENT_ID.isNull())
                .unionAll(Sql.select(c.ID, treeDepth.plus(1), Functions.concat(treePath, Sql.val(" > "), c.NAME).as("path"))
                        .from(c).join(tree, c.PARENT_ID.eq(treeId))));
        List<Row> rows = Sql.withRecursive(walk).select(treeDepth, treePath).from(tree).orderBy(treePath).fetch(db);
        out.println("Category tree (recursive CTE):");
        List<Map<String, Object>> categories = new ArrayList<>();
        summary.put("categoryTree", categories);
        for (Row row : rows) {
            categories.add(Map.of("depth", row.getInt("depth"), "path", row.getString("path")));
            out.println("  " + "  ".repeat(row.getInt("depth")) + row.getString("path"));
        }
    }

    /**
     * A transaction with a nested block that fails and rolls back to its savepoint while the outer work
     * commits, and an onCommit action that runs only after the real commit.
     */
    static void transactions(Database db, PrintWriter out, Map<String, Object> summary) {
        db.sql("DROP TABLE IF EXISTS demo_order").execute();
        db.sql("CREATE TABLE demo_order (id INT PRIMARY KEY, item VARCHAR(40) NOT NULL)").execute();
        db.atomicRun(TxOptions.builder().name("checkout").build(), tx -> {
            db.sql("INSERT INTO demo_order (id, item) VALUES (?, ?)", 1, "book").execute();
            try {
                db.atomicRun(inner -> { // a savepoint inside the checkout transaction
                    db.sql("INSERT INTO demo_order (id, item) VALUES (?, ?)", 2, "pen").execute();
                    inner.onCommit(() -> out.println("  (never printed: this savepoint was rolled back)"));
                    db.sql("INSERT INTO demo_order (id, item) VALUES (?, ?)", 1, "duplicate").execute();
                });
            } catch (UniqueViolation e) {
                summary.put("savepointRolledBack", true);
                out.println("Nested block failed (" + e.getClass().getSimpleName()
                        + ") and rolled back to its savepoint; the outer transaction goes on");
            }
            tx.onCommit(() -> {
                List<String> orders = db.sql("SELECT item FROM demo_order ORDER BY id").list(rs -> rs.getString(1));
                summary.put("ordersAfterCommit", orders);
                out.println("onCommit after the real commit: orders are " + orders);
            });
        });
    }

    /** Deterministic synthetic sensor readings, generated as they are loaded (nothing is held in memory). */
    static Iterator<Object[]> readings(int count) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
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
                int n = i++;
                return new Object[]{(long) n + 1, "sensor-" + (n % 16), (n % 1000) / 10.0,
                        start.plusSeconds(n).toString()};
            }
        };
    }

    private static double millis(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e5) / 10.0;
    }

    private static String ms(long startNanos) {
        return String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - startNanos) / 1e6);
    }

    private static String perSecond(long n, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "%,.0f", n / Math.max(s, 1e-9));
    }
}
