package io.covet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code history-update-app} measured interleaved: the two {@link HistoryAppBenchmark} methods (a save of the
 * application-captured model, the same save of its untracked copy) in alternating blocks of {@value #OPS} saves, in
 * random order each round, one thread, on each engine; the ratio is the median over rounds of tracked block /
 * untracked block, with its quartiles and the load average when the engine's rounds ended. Blocks measured back to
 * back see nearly the same machine load, which JMH's sequential forks of the two methods do not on a shared machine
 * (see {@link ReplicaRouteInterleaved}).
 */
final class HistoryAppInterleaved {
    private static final int OPS = 50;

    private HistoryAppInterleaved() {
    }

    static List<String> run(boolean quick) throws Exception {
        int rounds = quick ? 20 : 80;
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("sqlite", "postgresql", "mariadb")) {
            HistoryAppBenchmark b = new HistoryAppBenchmark();
            b.engine = engine;
            b.open();
            try {
                double[] ratios = new double[rounds];
                long[] tracked = new long[rounds];
                long[] plain = new long[rounds];
                Random random = new Random(42);
                for (int r = 0; r < rounds; r++) {
                    if (random.nextBoolean()) {
                        tracked[r] = block(b, true);
                        plain[r] = block(b, false);
                    } else {
                        plain[r] = block(b, false);
                        tracked[r] = block(b, true);
                    }
                    ratios[r] = (double) tracked[r] / plain[r];
                }
                Arrays.sort(ratios);
                Arrays.sort(tracked);
                Arrays.sort(plain);
                String name = "history-update-app-" + engine + "-interleaved";
                lines.add(String.format(Locale.ROOT, "SCORE %s saveTracked %.1f us/op", name,
                        tracked[rounds / 2] / 1e3 / OPS));
                lines.add(String.format(Locale.ROOT, "SCORE %s savePlain %.1f us/op", name,
                        plain[rounds / 2] / 1e3 / OPS));
                lines.add(String.format(Locale.ROOT, "RATIO %s %.3f (quartiles %.3f-%.3f, %d rounds, load %s)", name,
                        ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4], rounds, load()));
            } finally {
                b.close();
            }
        }
        return lines;
    }

    private static long block(HistoryAppBenchmark b, boolean tracked) {
        long t0 = System.nanoTime();
        for (int i = 0; i < OPS; i++) {
            if ((tracked ? b.saveTracked() : b.savePlain()) == null) {
                throw new IllegalStateException("a save returned nothing");
            }
        }
        return System.nanoTime() - t0;
    }

    /** The 1-minute load average, or "?" where /proc is missing. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
