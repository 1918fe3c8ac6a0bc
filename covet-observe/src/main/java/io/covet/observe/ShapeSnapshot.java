package io.covet.observe;

import java.time.Instant;
import java.util.List;

/**
 * What one statement shape did since it was first seen (or since the last {@link ShapeStats#reset()}): the
 * client-side counterpart of a {@code pg_stat_statements} row, on every engine, with percentiles. Immutable.
 *
 * <p>Durations are measured by Covet around the statement (connection borrow, execution and reading the result),
 * in milliseconds with microsecond resolution. Percentiles come from a log-scale histogram whose buckets are
 * at most about 3% wide, so a reported percentile is within about 3% of the exact one.
 *
 * @param database    the database's name
 * @param fingerprint the shape's fingerprint ({@code StatementContext.fingerprint()}), or {@code other} for the
 *                    entry into which shapes beyond the tracked maximum are folded
 * @param sql         a sample of the statement text, with {@code ?} placeholders; never bound values (empty for
 *                    {@code other})
 * @param operation   {@code SELECT}, {@code INSERT}, … ({@link io.covet.core.pipeline.Operation} name)
 * @param tables      the tables the statement named, as the builder or ORM knew them; empty when unknown
 * @param calls       executions, failed ones included
 * @param errors      failed executions
 * @param rows        rows read or changed, over every execution whose row count is known
 * @param totalMillis total duration of every execution
 * @param minMillis   shortest execution
 * @param maxMillis   longest execution
 * @param meanMillis  {@code totalMillis / calls}
 * @param p50Millis   median duration
 * @param p95Millis   95th percentile
 * @param p99Millis   99th percentile
 * @param firstSeen   when the shape first ran (since the last reset)
 * @param lastSeen    when it last ran
 */
public record ShapeSnapshot(String database, String fingerprint, String sql, String operation, List<String> tables,
                            long calls, long errors, long rows, double totalMillis, double minMillis,
                            double maxMillis, double meanMillis, double p50Millis, double p95Millis,
                            double p99Millis, Instant firstSeen, Instant lastSeen) {
    /** Copies the table list. */
    public ShapeSnapshot {
        tables = List.copyOf(tables);
    }
}
