package io.covet.bench;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.examples.shop.Customer;
import io.covet.examples.shop.Customer_;
import io.covet.examples.shop.Shop;
import io.covet.examples.shop.Tier;
import io.covet.observe.Observability;
import io.covet.orm.Orm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * {@code observe-overhead}: what covet-observe costs an ORM get-by-pk and a 10,000-row read, against the same
 * Covet without it, in one JVM and run.
 *
 * <p>Two databases on the same data: one plain, one opened through {@link Observability} with everything a
 * production setup turns on: Micrometer meters per shape (a {@code SimpleMeterRegistry}, timers with percentiles
 * and a histogram), per-shape statistics, the slow-query log (500 ms threshold: checked on every statement, never
 * crossed here), N+1 detection (warn), and OpenTelemetry tracing through the SDK (a span per statement, always
 * sampled, handed to a batch processor whose exporter drops them). Like {@code orm-interleaved} it alternates
 * blocks of each in random order per round after a warm-up and reports the median over rounds of each round's
 * ratio (observed / plain), so both see the same machine load.
 *
 * <p>On SQLite the statement runs in the calling thread, so the ratio uses the thread's CPU time (time spent
 * descheduled on a shared machine is left out; span export runs on the batch processor's thread and is not
 * counted, allocation is); on PostgreSQL, where the server does part of the work, wall-clock time. Wall-clock medians
 * are printed as SCORE lines.
 *
 * <p>{@code RATIO observe-get} (SQLite, goal ≤ 1.10), {@code RATIO observe-read} (SQLite, goal ≤ 1.03), and the same
 * on PostgreSQL as {@code observe-get-postgresql} / {@code observe-read-postgresql}. The {@code -untraced} ratios
 * measure a third database observed with everything but tracing, in the same rounds: the difference between the
 * two is what the OpenTelemetry SDK costs (its span objects and batch queue, which under G1 also slow the
 * allocation-heavy read; see docs/observability.md), as opposed to what Covet's own recording costs. Each comes with a
 * {@code -control} ratio: a second plain database, opened the same way, against the first, measured in the same
 * rounds; it shows how far apart two identical contenders come out on this machine.
 */
final class ObserveWorkload {
    private static final int ROWS = 10_000;

    private ObserveWorkload() {
    }

    static List<String> run(boolean quick) throws Exception {
        int rounds = quick ? 40 : 150;
        List<String> lines = new ArrayList<>();
        Path file = Files.createTempFile("covet-observe-bench", ".db");
        try {
            lines.addAll(engine("sqlite:" + file, "", true, rounds));
            lines.addAll(engine(BenchUrls.postgres().covetUrl(), "-postgresql", false, rounds));
        } finally {
            SqliteFiles.delete(file);
        }
        return lines;
    }

    private static List<String> engine(String url, String suffix, boolean cpu, int rounds) throws Exception {
        List<String> lines = new ArrayList<>();
        SdkTracerProvider tracer = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter()).build()).build();
        long[] ids;
        // filled through a database of its own, closed before the contenders open: the one that created and filled
        // the tables ran reliably faster afterwards on PostgreSQL, which would favour whichever did it
        try (Database setup = Database.open(DatabaseConfig.builder("setup", url).build())) {
            ids = fill(setup);
        }
        try (Database plain = Database.open(DatabaseConfig.builder("plain", url).build());
             Database control = Database.open(DatabaseConfig.builder("control", url).build());
             OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracer).build();
             Observability obs = Observability.builder().meterRegistry(new SimpleMeterRegistry()).tracing(otel)
                     .slowQueryThreshold(Duration.ofMillis(500)).build();
             Observability untraced = Observability.builder().meterRegistry(new SimpleMeterRegistry())
                     .slowQueryThreshold(Duration.ofMillis(500)).build()) {
            Orm off = Shop.orm(plain);
            Orm same = Shop.orm(control);
            Orm on = Shop.orm(obs.open(DatabaseConfig.builder("observed", url).build()));
            Orm noSpans = Shop.orm(untraced.open(DatabaseConfig.builder("untraced", url).build()));
            lines.add(measure("observe-get" + suffix, get(on, ids), get(off, ids), get(same, ids), 500, rounds, cpu));
            lines.add(measure("observe-read" + suffix, read(on), read(off), read(same), 3, rounds, cpu));
            lines.add(measure("observe-get-untraced" + suffix, get(noSpans, ids), get(off, ids), get(same, ids), 500,
                    rounds, cpu));
            lines.add(measure("observe-read-untraced" + suffix, read(noSpans), read(off), read(same), 3, rounds,
                    cpu));
            if (obs.shapes("observed").size() == 0 || untraced.shapes("untraced").size() == 0) {
                throw new IllegalStateException("an observed database recorded no shape: the benchmark is wrong");
            }
        }
        return lines;
    }

    private static LongFunction<Object> get(Orm orm, long[] ids) {
        return id -> orm.objects(Customer_.TYPE).get(ids[(int) (id % ids.length)]);
    }

    private static LongFunction<Object> read(Orm orm) {
        return id -> orm.objects(Customer_.TYPE).orderBy(Customer_.ID).list();
    }

    /** The shop's tables with 10,000 customers; returns their keys. */
    private static long[] fill(Database db) {
        Orm orm = Shop.orm(db);
        for (String t : List.of("download", "shipment", "fulfilment", "payment", "order_line", "orders",
                "product_tags", "product", "tag", "address", "customer")) {
            db.sql("DROP TABLE IF EXISTS " + db.dialect().quote(t)
                    + (db.engine() == io.covet.core.engine.Engine.POSTGRESQL ? " CASCADE" : "")).execute();
        }
        orm.createTables();
        List<Customer> customers = new ArrayList<>(ROWS);
        Tier[] tiers = Tier.values();
        for (int i = 0; i < ROWS; i++) {
            customers.add(new Customer("customer" + i + "@example.com", "Customer " + i, i % 3 == 0 ? "NO" : "SE")
                    .tier(tiers[i % tiers.length]));
        }
        orm.objects(Customer_.TYPE).bulkCreate(customers);
        return customers.stream().mapToLong(Customer::id).toArray();
    }

    private static String measure(String name, LongFunction<Object> on, LongFunction<Object> off,
                                  LongFunction<Object> control, int perBlock, int rounds, boolean cpu) {
        List<LongFunction<Object>> ops = List.of(on, off, control);
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
            for (LongFunction<Object> op : ops) {
                block(op, perBlock, 0);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] wall = new long[3][rounds];
        double[] ratios = new double[rounds];
        double[] controls = new double[rounds];
        long[][] cpuNanos = new long[3][rounds];
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        Random random = new Random(42);
        for (int r = 0; r < rounds; r++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                long c0 = threads.getCurrentThreadCpuTime();
                wall[i][r] = block(ops.get(i), perBlock, r * 7919L);
                cpuNanos[i][r] = threads.getCurrentThreadCpuTime() - c0;
            }
            ratios[r] = cpu ? (double) cpuNanos[0][r] / cpuNanos[1][r] : (double) wall[0][r] / wall[1][r];
            controls[r] = cpu ? (double) cpuNanos[2][r] / cpuNanos[1][r] : (double) wall[2][r] / wall[1][r];
        }
        for (long[] w : wall) {
            Arrays.sort(w);
        }
        Arrays.sort(ratios);
        Arrays.sort(controls);
        int n = rounds;
        String unit = cpu ? "thread CPU time" : "wall-clock time";
        return String.format(Locale.ROOT, "SCORE %s observed %.3f us/op%nSCORE %s plain %.3f us/op%n"
                        + "RATIO %s %.3f (quartiles %.3f-%.3f, %d rounds, %s)%n"
                        + "RATIO %s-control %.3f (quartiles %.3f-%.3f: a second plain database / plain, the noise floor)",
                name, wall[0][n / 2] / 1e3 / perBlock, name, wall[1][n / 2] / 1e3 / perBlock, name, ratios[n / 2],
                ratios[n / 4], ratios[3 * n / 4], n, unit, name, controls[n / 2], controls[n / 4], controls[3 * n / 4]);
    }

    private static long block(LongFunction<Object> op, int n, long seed) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (op.apply(seed + i) == null) {
                throw new IllegalStateException("a contender returned nothing");
            }
        }
        return System.nanoTime() - t0;
    }

    /** An exporter that drops every span: the cost measured is recording them, not shipping them. */
    private static final class DroppingExporter implements SpanExporter {
        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode export(
                java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode flush() {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }
    }
}
