package io.covet.observe.internal;

/**
 * Durations counted in log-linear buckets, the scheme HdrHistogram uses, cut down to what per-shape statistics
 * need: 16 linear sub-buckets per power of two of microseconds, so a bucket is at most 1/16 of its lower bound
 * wide and a percentile read from the middle of its bucket is within about 3% of the exact value; from 1 µs to
 * 2^36 µs (about 19 hours, longer durations count in the last bucket). Fixed size: 592 counters (4.7 KB), whatever
 * is recorded. Not thread-safe: its owner synchronises.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private static final int OCTAVES = 36;
    /** Bucket count: values below {@code SUB} µs are exact (one bucket each), then SUB buckets per octave. */
    static final int BUCKETS = SUB + (OCTAVES - SUB_BITS) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;

    /** Counts one duration. */
    public void record(long micros) {
        counts[index(Math.max(0, micros))]++;
        total++;
    }

    /** How many durations were counted. */
    public long count() {
        return total;
    }

    /** Forgets every duration. */
    public void clear() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
    }

    /**
     * The duration below which the fraction {@code q} of the counted ones lie, in microseconds (the middle of
     * the bucket holding it); 0 when nothing was counted.
     */
    public double percentile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (lowerBound(i) + upperBound(i)) / 2.0;
            }
        }
        return lowerBound(BUCKETS - 1);
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int octave = 63 - Long.numberOfLeadingZeros(micros); // >= SUB_BITS
        if (octave >= OCTAVES) {
            return BUCKETS - 1;
        }
        int sub = (int) (micros >>> (octave - SUB_BITS)) - SUB; // 0..SUB-1
        return SUB + (octave - SUB_BITS) * SUB + sub;
    }

    static long lowerBound(int index) {
        if (index < SUB) {
            return index;
        }
        int octave = (index - SUB) / SUB + SUB_BITS;
        int sub = (index - SUB) % SUB;
        return (long) (SUB + sub) << (octave - SUB_BITS);
    }

    static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int octave = (index - SUB) / SUB + SUB_BITS;
        return lowerBound(index) + (1L << (octave - SUB_BITS)) - 1;
    }
}
