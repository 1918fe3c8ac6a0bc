package io.covet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code history-interleaved}: history-update and history-asof measured in one JVM on the data of
 * {@link HistoryBenchmark}, alternating short blocks of the tracked operation and its baseline (which goes first
 * alternates too), and reporting the median over rounds of the ratio of the two blocks of a round, with the load
 * average before and after. JMH measures each method in its own trial, minutes apart; on a shared machine those
 * see different loads, blocks measured back to back nearly the same. Wall-clock time, server work included.
 */
final class HistoryInterleaved {
    private HistoryInterleaved() {
    }

    static List<String> run(boolean quick) throws Exception {
        System.setProperty("covet.bench.quick", String.valueOf(quick));
        int rounds = quick ? 30 : 100;
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("sqlite", "postgresql", "mariadb")) {
            HistoryBenchmark b = new HistoryBenchmark();
            b.engine = engine;
            b.open();
            try {
                lines.add(measure("history-update-" + engine, b::updateTracked, b::updatePlain, 200, rounds));
                lines.add(measure("history-asof-" + engine, b::asOf, b::current, 200, rounds));
            } finally {
                b.close();
            }
        }
        return lines;
    }

    private static String measure(String name, Callable<?> covet, Callable<?> baseline, int opsPerBlock, int rounds)
            throws Exception {
        String loadBefore = load();
        for (int i = 0; i < 5; i++) { // warm-up: both paths compiled before anything is counted
            block(covet, opsPerBlock);
            block(baseline, opsPerBlock);
        }
        double[] ratios = new double[rounds];
        long covetTotal = 0;
        long baseTotal = 0;
        for (int r = 0; r < rounds; r++) {
            long c;
            long b;
            if (r % 2 == 0) {
                c = block(covet, opsPerBlock);
                b = block(baseline, opsPerBlock);
            } else {
                b = block(baseline, opsPerBlock);
                c = block(covet, opsPerBlock);
            }
            covetTotal += c;
            baseTotal += b;
            ratios[r] = (double) c / b;
        }
        Arrays.sort(ratios);
        return String.format(Locale.ROOT, "RATIO %s-interleaved %.3f (quartiles %.3f..%.3f; %.1f vs %.1f us/op; "
                        + "load %s -> %s)", name, ratios[rounds / 2], ratios[rounds / 4], ratios[rounds * 3 / 4],
                covetTotal / 1e3 / rounds / opsPerBlock, baseTotal / 1e3 / rounds / opsPerBlock, loadBefore, load());
    }

    private static long block(Callable<?> op, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.call();
        }
        return System.nanoTime() - start;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
