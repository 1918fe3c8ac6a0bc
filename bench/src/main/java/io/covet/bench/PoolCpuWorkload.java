package io.covet.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.pool.PoolSettings;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code pool-cpu}: the {@code pool} comparisons (check-out and return, no statement; pools of 8 as in
 * {@link PoolBenchmark}) on one thread, timed by the thread's CPU clock rather than the wall clock, the four
 * variants in alternating blocks. On a loaded machine a thread that is descheduled mid-block loses wall time but
 * not CPU time, so these ratios stay readable where JMH's swing by the load; they leave out what only
 * concurrency costs (contention on shared counters or locks), which {@code pool} measures. Ratios are the median
 * over the measured blocks, each variant against HikariCP's own check-out on the same pool.
 */
final class PoolCpuWorkload {
    private static final String[] NAMES = {"covet", "covetHooks", "covetPool", "hikari"};
    private static Object sink;

    private PoolCpuWorkload() {
    }

    static List<String> run(boolean quick) throws Exception {
        List<String> lines = new ArrayList<>();
        Path file = Files.createTempFile("covet-pool-cpu", ".db");
        try {
            lines.addAll(run("sqlite", "sqlite:" + file, quick));
            lines.addAll(run("postgresql", BenchUrls.postgres().covetUrl(), quick));
        } finally {
            SqliteFiles.delete(file);
        }
        return lines;
    }

    private static List<String> run(String engine, String url, boolean quick) throws SQLException {
        int ops = 200_000;
        int warm = quick ? 3 : 5;
        int rounds = warm + (quick ? 5 : 15);
        try (Database plain = Database.open(DatabaseConfig.builder("plain", url)
                .pool(PoolSettings.builder().maxSize(8).minIdle(8).build()).build());
             Database hooked = Database.open(DatabaseConfig.builder("hooked", url)
                     .pool(PoolSettings.builder().maxSize(8).minIdle(8).onCheckout(c -> { }).onCheckin(c -> { })
                             .build()).build())) {
            HikariDataSource raw = (HikariDataSource) plain.dataSource();
            DataSource managed = (DataSource) plain.pool();
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            double[][] nanos = new double[NAMES.length][rounds - warm];
            for (int r = 0; r < rounds; r++) {
                for (int v = 0; v < NAMES.length; v++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < ops; i++) {
                        sink = once(v, plain, hooked, managed, raw);
                    }
                    if (r >= warm) {
                        nanos[v][r - warm] = (cpu.getCurrentThreadCpuTime() - c0) / (double) ops;
                    }
                }
            }
            List<String> lines = new ArrayList<>();
            double hikari = median(nanos[3]);
            String[] ratios = {"pool-checkout-cpu", "pool-checkout-hooks-cpu", "pool-checkout-managed-cpu"};
            for (int v = 0; v < 3; v++) {
                double[] per = new double[nanos[v].length];
                for (int i = 0; i < per.length; i++) {
                    per[i] = nanos[v][i] / nanos[3][i];
                }
                lines.add(String.format(Locale.ROOT, "RATIO %s-%s %.3f", ratios[v], engine, median(per)));
            }
            lines.add(String.format(Locale.ROOT, "# pool-cpu %s, CPU ns/op (median of %d blocks of %d): covet %.1f, "
                            + "hooks %.1f, managed pool %.1f, HikariCP %.1f", engine, rounds - warm, ops,
                    median(nanos[0]), median(nanos[1]), median(nanos[2]), hikari));
            return lines;
        }
    }

    private static Object once(int variant, Database plain, Database hooked, DataSource managed,
                               HikariDataSource raw) throws SQLException {
        switch (variant) {
            case 0:
                return plain.withConnection(c -> c);
            case 1:
                return hooked.withConnection(c -> c);
            case 2:
                try (Connection c = managed.getConnection()) {
                    return c;
                }
            default:
                try (Connection c = raw.getConnection()) {
                    return c;
                }
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
