package io.covet.observe;

import io.covet.core.pipeline.StatementContext;
import io.covet.observe.internal.ShapeEntry;
import io.covet.observe.internal.ShapeTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of one shape of one database, created on its first execution and cached on its entry, so that the
 * statement path does one volatile read and one record per meter. Tags follow the OpenTelemetry database
 * conventions; the SQL text is never a tag, the shape is its fingerprint (or {@code other}).
 */
final class ShapeMeters {
    /** OTel: duration of database client operations. */
    static final String DURATION = "db.client.operation.duration";
    /** OTel: rows returned by a query. */
    static final String RETURNED_ROWS = "db.client.response.returned_rows";
    /** Rows changed by a write (no OTel name yet). */
    static final String AFFECTED_ROWS = "covet.db.client.affected_rows";
    /** Failed statements by class, table and shape. */
    static final String ERRORS = "covet.db.client.errors";
    /** Per-shape percentiles since the shape was first seen (or reset), from the shape statistics. */
    static final String SHAPE_PERCENTILES = "covet.db.client.shape.duration";
    /** Statements over the slow-query threshold. */
    static final String SLOW = "covet.db.client.slow_queries";

    private final DatabaseObserver db;
    private final Tags tags;
    private final Timer ok;
    private final ConcurrentHashMap<String, Timer> failed = new ConcurrentHashMap<>(2);
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>(2);
    private volatile DistributionSummary returned;
    private volatile DistributionSummary affected;
    private volatile Counter slow;

    /** The span name and the attributes every span of the shape carries, built on first use when tracing. */
    volatile Tracing.ShapeSpan span;

    ShapeMeters(DatabaseObserver db, String operation, String collection, String shapeTag) {
        this.db = db;
        this.tags = db.baseTags().and("db.operation.name", operation, "db.collection.name", collection,
                "covet.shape", shapeTag);
        this.ok = timer("none");
    }

    /**
     * Gauges of a tagged shape's p50, p95 and p99 from its statistics (read when scraped, nothing on the statement
     * path): cumulative since the shape was first seen or reset. For windows (alerts) use the timer's histogram.
     */
    private void percentileGauges(ShapeEntry entry) {
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            io.micrometer.core.instrument.Gauge.builder(SHAPE_PERCENTILES, entry, e -> {
                        ShapeEntry.Reading r = e.read();
                        return (q == 0.5 ? r.p50() : q == 0.95 ? r.p95() : r.p99()) / 1e6;
                    })
                    .description("Percentiles of the shape's durations since it was first seen or reset, in seconds")
                    .baseUnit("seconds").tags(tags).tag("quantile", Double.toString(q)).register(db.registry());
        }
    }

    /**
     * The meters of a statement: its shape's, cached on the entry; for a statement folded into {@code other}, those
     * of {@code other} with its own operation (a handful of values), so the operation tag stays true.
     */
    static ShapeMeters of(DatabaseObserver db, ShapeEntry entry, StatementContext ctx) {
        if (entry.fingerprint.equals(ShapeTable.OTHER)) {
            return db.otherMeters.computeIfAbsent(ctx.operation(),
                    op -> new ShapeMeters(db, op.name(), "other", "other"));
        }
        Object m = entry.meters;
        if (m instanceof ShapeMeters sm && sm.db == db) {
            return sm;
        }
        synchronized (entry) {
            m = entry.meters;
            if (m instanceof ShapeMeters sm && sm.db == db) {
                return sm;
            }
            ShapeMeters fresh = new ShapeMeters(db, entry.operation, entry.collection, entry.tag);
            if (entry.tagged) {
                fresh.percentileGauges(entry);
            }
            entry.meters = fresh;
            return fresh;
        }
    }

    private Timer timer(String errorType) {
        return Timer.builder(DURATION)
                .description("Duration of database client operations, from borrowing the connection to reading the "
                        + "result, per statement shape")
                .tags(tags).tag("error.type", errorType)
                // buckets, so that a backend computes any percentile over any window (histogram_quantile);
                // client-side percentiles would cost every statement about half a microsecond more
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(db.registry());
    }

    void record(long nanos, long rows, boolean query, Throwable failure) {
        if (failure == null) {
            ok.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        } else {
            String type = errorType(failure);
            failed.computeIfAbsent(type, this::timer).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            errors.computeIfAbsent(type, t -> Counter.builder(ERRORS)
                    .description("Failed statements by Covet exception class, table and shape")
                    .tags(tags).tag("error.type", t).register(db.registry())).increment();
        }
        if (rows >= 0 && failure == null) {
            (query ? returned() : affected()).record(rows);
        }
    }

    void slow() {
        Counter c = slow;
        if (c == null) {
            c = Counter.builder(SLOW).description("Statements slower than the database's slow-query threshold")
                    .tags(tags).register(db.registry());
            slow = c;
        }
        c.increment();
    }

    private DistributionSummary returned() {
        DistributionSummary s = returned;
        if (s == null) {
            s = DistributionSummary.builder(RETURNED_ROWS).description("Rows returned by queries")
                    .baseUnit("rows").tags(tags).register(db.registry());
            returned = s;
        }
        return s;
    }

    private DistributionSummary affected() {
        DistributionSummary s = affected;
        if (s == null) {
            s = DistributionSummary.builder(AFFECTED_ROWS).description("Rows inserted, updated or deleted by writes")
                    .baseUnit("rows").tags(tags).register(db.registry());
            affected = s;
        }
        return s;
    }

    /** The simple name of the failure's class: Covet's classification ({@code UniqueViolation}, …) when it is one. */
    static String errorType(Throwable failure) {
        return failure.getClass().getSimpleName();
    }
}
