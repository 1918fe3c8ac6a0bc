package io.covet.observe.internal;

import java.util.List;

/**
 * The running numbers of one statement shape (or of {@code other}). Recording and reading synchronise on the
 * entry; the identity fields are fixed when it is created.
 */
public final class ShapeEntry {
    /** The fingerprint, or {@code other}. */
    public final String fingerprint;
    /** A sample text with placeholders ({@code ""} for other). */
    public final String sql;
    /** The operation's name. */
    public final String operation;
    /** The tables named, when known. */
    public final List<String> tables;
    /** Whether the shape has a metric tag value of its own (else it is tagged {@code other}). */
    public final boolean tagged;
    /** The value of the shape tag on the metrics: the fingerprint when tagged, else {@code other}. */
    public final String tag;
    /** The collection tag: the first table, or {@code none}; {@code other} for untagged shapes. */
    public final String collection;

    private final LatencyHistogram histogram = new LatencyHistogram();
    private long calls;
    private long errors;
    private long rows;
    private long totalMicros;
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros;
    private long firstSeen;
    private long lastSeen;
    private long lastLogged = Long.MIN_VALUE;
    private long suppressed;

    /** Meters of this shape, cached by the API package (opaque here). */
    public volatile Object meters;

    ShapeEntry(String fingerprint, String sql, String operation, List<String> tables, boolean tagged) {
        this.fingerprint = fingerprint;
        this.sql = sql;
        this.operation = operation;
        this.tables = List.copyOf(tables);
        this.tagged = tagged;
        this.tag = tagged ? fingerprint : "other";
        this.collection = !tagged ? "other" : tables.isEmpty() ? "none" : tables.get(0);
    }

    /** Counts one execution. */
    public synchronized void record(long micros, long rowCount, boolean failed, long nowMillis) {
        histogram.record(micros);
        calls++;
        if (failed) {
            errors++;
        }
        if (rowCount > 0) {
            rows += rowCount;
        }
        totalMicros += micros;
        minMicros = Math.min(minMicros, micros);
        maxMicros = Math.max(maxMicros, micros);
        if (firstSeen == 0) {
            firstSeen = nowMillis;
        }
        lastSeen = nowMillis;
    }

    /**
     * Whether a slow-query log line may be written now (at most one per {@code intervalMillis}); returns the
     * number of slow executions left out since the last line, or -1 when this one is to be left out too.
     */
    public synchronized long mayLog(long nowMillis, long intervalMillis) {
        if (lastLogged != Long.MIN_VALUE && nowMillis - lastLogged < intervalMillis) {
            suppressed++;
            return -1;
        }
        lastLogged = nowMillis;
        long s = suppressed;
        suppressed = 0;
        return s;
    }

    /** The numbers at this moment. */
    public synchronized Reading read() {
        double p50 = histogram.percentile(0.50);
        double p95 = histogram.percentile(0.95);
        double p99 = histogram.percentile(0.99);
        // The bucket middle may lie outside what was seen; keep percentiles within [min, max].
        long lo = calls == 0 ? 0 : minMicros;
        return new Reading(calls, errors, rows, totalMicros, lo, maxMicros, clamp(p50, lo, maxMicros),
                clamp(p95, lo, maxMicros), clamp(p99, lo, maxMicros), firstSeen, lastSeen);
    }

    private static double clamp(double v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Forgets the numbers (the identity stays). */
    synchronized void clear() {
        histogram.clear();
        calls = errors = rows = totalMicros = maxMicros = 0;
        minMicros = Long.MAX_VALUE;
        firstSeen = lastSeen = 0;
    }

    /**
     * One reading of an entry; durations in microseconds, instants in epoch milliseconds.
     *
     * @param calls      executions
     * @param errors     failed ones
     * @param rows       rows
     * @param total      total duration
     * @param min        shortest
     * @param max        longest
     * @param p50        median
     * @param p95        95th percentile
     * @param p99        99th percentile
     * @param firstSeen  first execution
     * @param lastSeen   last execution
     */
    public record Reading(long calls, long errors, long rows, long total, long min, long max, double p50,
                          double p95, double p99, long firstSeen, long lastSeen) {
    }
}
