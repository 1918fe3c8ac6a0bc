package io.covet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code orm-interleaved}: orm-read and orm-get measured Covet against hand-written JDBC in one JVM, alternating
 * short blocks of each in random order, and reporting the median over rounds of the ratio of the two blocks of a
 * round. On a machine shared with other work, JMH's sequential forks see different loads (quick runs of the same
 * code have given ratios from 0.4 to 2.1); two blocks measured back to back see nearly the same load, so the median
 * of their ratios is stable. The contenders are exactly the JMH benchmark methods, on the same data; wall-clock
 * time, so garbage collection is included.
 */
final class OrmInterleaved {
    @FunctionalInterface
    private interface Op {
        Object run() throws Exception;
    }

    private OrmInterleaved() {
    }

    static List<String> run(boolean quick) throws Exception {
        int rounds = quick ? 40 : 150;
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("sqlite", "postgresql")) {
            OrmReadBenchmark read = new OrmReadBenchmark();
            read.engine = engine;
            read.open();
            try {
                lines.add(measure("orm-read-" + engine, read::covet, read::jdbc, 5, rounds));
            } finally {
                read.close();
            }
            OrmGetBenchmark get = new OrmGetBenchmark();
            get.engine = engine;
            get.open();
            try {
                lines.add(measure("orm-get-" + engine, get::covet, get::jdbc, 1_000, rounds));
            } finally {
                get.close();
            }
        }
        return lines;
    }

    private static String measure(String name, Op covet, Op jdbc, int opsPerBlock, int rounds) throws Exception {
        // warm-up: both paths compiled before anything is counted
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
            block(covet, opsPerBlock);
            block(jdbc, opsPerBlock);
        }
        double[] ratios = new double[rounds];
        long[] covetNanos = new long[rounds];
        long[] jdbcNanos = new long[rounds];
        Random order = new Random(42);
        for (int r = 0; r < rounds; r++) {
            if (order.nextBoolean()) {
                covetNanos[r] = block(covet, opsPerBlock);
                jdbcNanos[r] = block(jdbc, opsPerBlock);
            } else {
                jdbcNanos[r] = block(jdbc, opsPerBlock);
                covetNanos[r] = block(covet, opsPerBlock);
            }
            ratios[r] = (double) covetNanos[r] / jdbcNanos[r];
        }
        Arrays.sort(ratios);
        Arrays.sort(covetNanos);
        Arrays.sort(jdbcNanos);
        return String.format(Locale.ROOT, "SCORE %s-interleaved covet %.3f us/op%nSCORE %s-interleaved jdbc %.3f us/op%n"
                        + "RATIO %s-interleaved %.3f (quartiles %.3f-%.3f, %d rounds)", name,
                covetNanos[rounds / 2] / 1e3 / opsPerBlock, name, jdbcNanos[rounds / 2] / 1e3 / opsPerBlock, name,
                ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4], rounds);
    }

    private static long block(Op op, int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (op.run() == null) {
                throw new IllegalStateException("a contender returned nothing");
            }
        }
        return System.nanoTime() - t0;
    }
}
