package io.covet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code replica-route} measured interleaved: the two {@link ReplicaRouteBenchmark} methods (a point read routed to
 * the replica, the same read on a database opened directly on the replica) in alternating blocks of 200 reads, in
 * random order each round, one thread; the ratio is the median over rounds of routed block / direct block. Blocks
 * measured back to back see nearly the same machine load, which JMH's sequential measurements of the two methods
 * do not on a shared machine (see {@link OrmInterleaved}).
 */
final class ReplicaRouteInterleaved {
    private static final int OPS = 200;

    private ReplicaRouteInterleaved() {
    }

    static List<String> run(boolean quick) throws Exception {
        int rounds = quick ? 30 : 120;
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("postgresql", "mariadb")) {
            ReplicaRouteBenchmark b = new ReplicaRouteBenchmark();
            b.engine = engine;
            b.open();
            try {
                for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
                    block(b, true);
                    block(b, false);
                }
                double[] ratios = new double[rounds];
                long[] routed = new long[rounds];
                long[] direct = new long[rounds];
                Random random = new Random(42);
                for (int r = 0; r < rounds; r++) {
                    if (random.nextBoolean()) {
                        routed[r] = block(b, true);
                        direct[r] = block(b, false);
                    } else {
                        direct[r] = block(b, false);
                        routed[r] = block(b, true);
                    }
                    ratios[r] = (double) routed[r] / direct[r];
                }
                Arrays.sort(ratios);
                Arrays.sort(routed);
                Arrays.sort(direct);
                lines.add(String.format(Locale.ROOT, "SCORE replica-route-%s-interleaved covet %.1f us/op", engine,
                        routed[rounds / 2] / 1e3 / OPS));
                lines.add(String.format(Locale.ROOT, "SCORE replica-route-%s-interleaved direct %.1f us/op", engine,
                        direct[rounds / 2] / 1e3 / OPS));
                lines.add(String.format(Locale.ROOT, "RATIO replica-route-%s-interleaved %.3f (quartiles %.3f-%.3f, "
                        + "%d rounds)", engine, ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4], rounds));
            } finally {
                b.close();
            }
        }
        return lines;
    }

    private static long block(ReplicaRouteBenchmark b, boolean routed) {
        long t0 = System.nanoTime();
        for (int i = 0; i < OPS; i++) {
            if ((routed ? b.covet() : b.direct()) == null) {
                throw new IllegalStateException("a contender returned nothing");
            }
        }
        return System.nanoTime() - t0;
    }
}
