package io.covet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * A contender and its baseline measured in one JVM in alternating blocks: after a warm-up of both, each round runs a
 * block of each, in random order, back to back, and the figure is the median over rounds of the ratio of the two
 * blocks of a round, with its quartiles and the load average before and after. JMH measures each method in its own
 * trial, minutes apart, and on a shared machine those see different loads; two blocks measured back to back see
 * nearly the same. Wall-clock time, so server work and garbage collection are included.
 */
final class Interleaved {
    /** One operation of a contender; returning null means it did nothing, which fails the measurement. */
    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private Interleaved() {
    }

    /**
     * Measures {@code covet} against {@code baseline} and returns three lines: {@code SCORE <name> covet …},
     * {@code SCORE <name> baseline …} (median microseconds per operation) and {@code RATIO <name> …}.
     */
    static String pair(String name, Op covet, Op baseline, int opsPerBlock, int rounds) throws Exception {
        String loadBefore = load();
        for (long end = System.nanoTime() + WARM_UP_NANOS; System.nanoTime() < end; ) {
            block(covet, opsPerBlock);
            block(baseline, opsPerBlock);
        }
        double[] ratios = new double[rounds];
        long[] covetNanos = new long[rounds];
        long[] baseNanos = new long[rounds];
        Random random = new Random(42);
        for (int r = 0; r < rounds; r++) {
            if (random.nextBoolean()) {
                covetNanos[r] = block(covet, opsPerBlock);
                baseNanos[r] = block(baseline, opsPerBlock);
            } else {
                baseNanos[r] = block(baseline, opsPerBlock);
                covetNanos[r] = block(covet, opsPerBlock);
            }
            ratios[r] = (double) covetNanos[r] / baseNanos[r];
        }
        Arrays.sort(ratios);
        Arrays.sort(covetNanos);
        Arrays.sort(baseNanos);
        String nl = System.lineSeparator();
        return String.format(Locale.ROOT, "SCORE %s covet %.1f us/op", name, covetNanos[rounds / 2] / 1e3 / opsPerBlock)
                + nl + String.format(Locale.ROOT, "SCORE %s baseline %.1f us/op", name,
                baseNanos[rounds / 2] / 1e3 / opsPerBlock)
                + nl + ratio(name, ratios) + String.format(Locale.ROOT, " load %s -> %s", loadBefore, load());
    }

    /** {@code RATIO <name> <median> (quartiles <q1>-<q3>, <n> rounds)} of sorted ratios. */
    static String ratio(String name, double[] sorted) {
        int n = sorted.length;
        return String.format(Locale.ROOT, "RATIO %s %.3f (quartiles %.3f-%.3f, %d rounds)", name, sorted[n / 2],
                sorted[n / 4], sorted[3 * n / 4], n);
    }

    /** Nanoseconds taken by {@code n} runs of {@code op}. */
    static long block(Op op, int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (op.run() == null) {
                throw new IllegalStateException("a contender returned nothing");
            }
        }
        return System.nanoTime() - t0;
    }

    /** The 1-, 5- and 15-minute load averages, or "n/a" where /proc is missing. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
