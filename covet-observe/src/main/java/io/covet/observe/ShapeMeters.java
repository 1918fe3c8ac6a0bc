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

    ShapeMeters(DatabaseObserver db, String operation, String collection, String shapeTag) {
        this.db = db;
        this.tags = db.baseTags().and("db.operation.name", operation, "db.collection.name", collection,
                "covet.shape", shapeTag);
        this.ok = timer("none");
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
            entry.meters = fresh;
            return fresh;
        }
    }

    private Timer timer(String errorType) {
        return Timer.builder(DURATION)
                .description("Duration of database client operations, from borrowing the connection to reading the "
                        + "result, per statement shape")
                .tags(tags).tag("error.type", errorType)
                .publishPercentiles(0.5, 0.95, 0.99)
                .percentilePrecision(1)
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
