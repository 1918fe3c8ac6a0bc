package io.covet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code orm-interleaved}: orm-read and orm-get measured Covet against hand-written JDBC and Hibernate in one JVM,
 * alternating short blocks of each in random order, and reporting the median over rounds of the ratio of Covet's
 * block to each baseline's block of the same round. On a machine shared with other work, JMH's sequential forks
 * see different loads (quick runs of the same code have given ratios from 0.4 to 2.1); blocks measured back to
 * back see nearly the same load, so the median of their ratios is stable. The contenders are exactly the JMH
 * benchmark methods, on the same data; wall-clock time, so garbage collection is included.
 */
final class OrmInterleaved {
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
                lines.add(measure("orm-read-" + engine, read::covet, read::jdbc, read::hibernate, 5, rounds));
            } finally {
                read.close();
            }
            OrmGetBenchmark get = new OrmGetBenchmark();
            get.engine = engine;
            get.open();
            try {
                lines.add(measure("orm-get-" + engine, get::covet, get::jdbc, get::hibernate, 1_000, rounds));
            } finally {
                get.close();
            }
        }
        return lines;
    }

    private static String measure(String name, Interleaved.Op covet, Interleaved.Op jdbc, Interleaved.Op hibernate, int opsPerBlock, int rounds)
            throws Exception {
        Interleaved.Op[] ops = {covet, jdbc, hibernate};
        // warm-up: every path compiled before anything is counted
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
            for (Interleaved.Op op : ops) {
                Interleaved.block(op, opsPerBlock);
            }
        }
        long[][] nanos = new long[ops.length][rounds];
        double[] vsJdbc = new double[rounds];
        double[] vsHibernate = new double[rounds];
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        Random random = new Random(42);
        for (int r = 0; r < rounds; r++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                nanos[i][r] = Interleaved.block(ops[i], opsPerBlock);
            }
            vsJdbc[r] = (double) nanos[0][r] / nanos[1][r];
            vsHibernate[r] = (double) nanos[0][r] / nanos[2][r];
        }
        for (long[] n : nanos) {
            Arrays.sort(n);
        }
        Arrays.sort(vsJdbc);
        Arrays.sort(vsHibernate);
        StringBuilder out = new StringBuilder();
        String[] names = {"covet", "jdbc", "hibernate"};
        for (int i = 0; i < ops.length; i++) {
            out.append(String.format(Locale.ROOT, "SCORE %s-interleaved %s %.3f us/op%n", name, names[i],
                    nanos[i][rounds / 2] / 1e3 / opsPerBlock));
        }
        out.append(Interleaved.ratio(name + "-interleaved", vsJdbc)).append(System.lineSeparator());
        out.append(Interleaved.ratio(name + "-interleaved-vs-hibernate", vsHibernate));
        return out.toString();
    }
}
