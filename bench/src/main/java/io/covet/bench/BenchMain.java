package io.covet.bench;

import io.covet.core.Database;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs named benchmarks and ends each with {@code RATIO <name> <covet/baseline>} lines, the baseline measured
 * in the same run (lower is better). {@code --quick} runs fewer iterations. Called by {@code bench/run}.
 */
public final class BenchMain {
    /** A JMH comparison: the benchmark class, Covet's method, and each baseline with the name of its ratio. */
    private record Comparison(String benchmarkClass, String covetMethod, Map<String, String> ratioToBaseline) {
    }

    /** A benchmark that is a whole workload rather than a JMH method: it returns its result lines. */
    @FunctionalInterface
    private interface Workload {
        List<String> run(boolean quick) throws Exception;
    }

    private static final Map<String, Comparison> JMH = new LinkedHashMap<>();
    private static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

    static {
        Map<String, String> bulk = new LinkedHashMap<>();
        bulk.put("bulk-insert-pg", "rawCopy");
        bulk.put("bulk-insert-pg-vs-jdbc-batch", "jdbcBatch");
        JMH.put("bulk-insert-pg", new Comparison("BulkInsertPgBenchmark", "covet", bulk));
        JMH.put("render", new Comparison("RenderBenchmark", "covet", Map.of("render", "jooq")));
        JMH.put("orm-read", new Comparison("OrmReadBenchmark", "covet", ormBaselines("orm-read")));
        JMH.put("orm-get", new Comparison("OrmGetBenchmark", "covet", ormBaselines("orm-get")));
        JMH.put("orm-read-only2", new Comparison("OrmReadOnly2Benchmark", "covet", Map.of("orm-read-only2", "jdbc")));
        JMH.put("pool-checkout", new Comparison("PoolBenchmark", "covet", Map.of("pool-checkout", "hikari")));
        JMH.put("pool-checkout-hooks", new Comparison("PoolBenchmark", "covetHooks",
                Map.of("pool-checkout-hooks", "hikari")));
        JMH.put("pool-checkout-managed", new Comparison("PoolBenchmark", "covetPool",
                Map.of("pool-checkout-managed", "hikari")));
        WORKLOADS.put("pool-cpu", PoolCpuWorkload::run);
        JMH.put("replica-route", new Comparison("ReplicaRouteBenchmark", "covet",
                Map.of("replica-route", "direct")));
        WORKLOADS.put("replica-route-interleaved", ReplicaRouteInterleaved::run);
        WORKLOADS.put("replica-ryw", ReplicaRywWorkload::run);
        JMH.put("history-update", new Comparison("HistoryBenchmark", "updateTracked",
                Map.of("history-update", "updatePlain")));
        JMH.put("history-asof", new Comparison("HistoryBenchmark", "asOf", Map.of("history-asof", "current")));
        JMH.put("history-update-app", new Comparison("HistoryAppBenchmark", "saveTracked",
                Map.of("history-update-app", "savePlain")));
        WORKLOADS.put("history-interleaved", HistoryInterleaved::run);
        WORKLOADS.put("history-update-app-interleaved", HistoryAppInterleaved::run);
        WORKLOADS.put("bank", BenchMain::bank);
        // One run measures both: the restore reads the archive the backup wrote.
        Workload backup = quick -> BackupWorkload.run(BenchUrls.postgres().covetUrl(), quick ? 100_000 : 1_000_000);
        WORKLOADS.put("backup-pg", backup);
        WORKLOADS.put("restore-pg", backup);
        Workload backupMariadb = quick -> BackupWorkload.runMariadb(BenchUrls.mariadb(), quick ? 100_000 : 1_000_000);
        WORKLOADS.put("backup-mariadb", backupMariadb);
        WORKLOADS.put("restore-mariadb", backupMariadb);
        WORKLOADS.put("migrate-1000", quick -> MigrateWorkload.run(quick ? 200 : 1_000));
        WORKLOADS.put("orm-interleaved", OrmInterleaved::run);
        WORKLOADS.put("orm-startup", OrmStartupWorkload::run);
        WORKLOADS.put("orm-polymorphic", PolymorphicWorkload::run);
        WORKLOADS.put("pipeline", PipelineWorkload::run);
        WORKLOADS.put("observe-overhead", ObserveWorkload::run);
    }

    private static Map<String, String> ormBaselines(String name) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(name, "jdbc");
        m.put(name + "-vs-hibernate", "hibernate");
        m.put(name + "-vs-jooq", "jooq");
        return m;
    }

    private BenchMain() {
    }

    /** {@code [--quick] NAME…}; exits 2 on an unknown name. */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.equals("replicas")) {
                // The group: routing overhead (JMH, then interleaved), then read-your-writes under forced lag.
                names.add("replica-route");
                names.add("replica-route-interleaved");
                names.add("replica-ryw");
            } else if (a.equals("history")) {
                names.add("history-update");
                names.add("history-asof");
                names.add("history-update-app");
                names.add("history-interleaved");
                names.add("history-update-app-interleaved");
            } else if (a.equals("pool")) {
                // The group: every pool comparison.
                names.add("pool-checkout");
                names.add("pool-checkout-hooks");
                names.add("pool-checkout-managed");
            } else {
                names.add(a);
            }
        }
        List<String> known = new ArrayList<>(JMH.keySet());
        known.addAll(WORKLOADS.keySet());
        if (names.isEmpty()) {
            System.err.println("usage: bench/run [--quick] NAME...   names: " + String.join(" ", known));
            System.exit(2);
        }
        for (String name : names) {
            if (!known.contains(name)) {
                System.err.println("bench: unknown benchmark '" + name + "'; known: " + String.join(" ", known));
                System.exit(2);
            }
        }
        java.util.Set<Workload> done = new java.util.HashSet<>();
        for (String name : names) {
            if (JMH.containsKey(name)) {
                runJmh(name, JMH.get(name), quick);
            } else if (done.add(WORKLOADS.get(name))) {
                WORKLOADS.get(name).run(quick).forEach(System.out::println);
            }
        }
    }

    /** {@code bank}: the Jepsen bank workload on each engine, 16 threads × 20,000 transfers (quick: 4 × 2,000). */
    private static List<String> bank(boolean quick) throws Exception {
        int threads = quick ? 4 : 16;
        int transfers = quick ? 2_000 : 20_000;
        List<String> lines = new ArrayList<>();
        Path file = Files.createTempFile("covet-bench-bank-", ".db");
        try {
            for (String url : List.of("sqlite:" + file, BenchUrls.postgres().covetUrl(), BenchUrls.mariadb())) {
                try (Database db = Database.open(url)) {
                    lines.add(BankWorkload.run(db, threads, transfers));
                }
            }
        } finally {
            SqliteFiles.delete(file);
        }
        return lines;
    }

    private static void runJmh(String name, Comparison c, boolean quick) throws RunnerException {
        List<String> methods = new ArrayList<>(c.ratioToBaseline().values());
        methods.add(0, c.covetMethod());
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(BenchMain.class.getPackageName() + "." + c.benchmarkClass() + "\\.("
                        + String.join("|", methods) + ")$")
                .forks(1)
                .shouldFailOnError(true);
        if (quick) {
            o.warmupIterations(1).measurementIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1))
                    // prepend: an appended argument would replace the @Fork(jvmArgsAppend) of the benchmark
                    .jvmArgsPrepend("-Dcovet.bench.quick=true");
        } else {
            o.warmupIterations(3).measurementIterations(5).warmupTime(TimeValue.seconds(2))
                    .measurementTime(TimeValue.seconds(2));
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        // One score per (parameter set, method); ratios are taken within each parameter set.
        Map<String, Map<String, RunResult>> byParams = new LinkedHashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            StringBuilder key = new StringBuilder();
            for (String p : r.getParams().getParamsKeys()) {
                if (!p.equals("rows")) {
                    key.append('-').append(r.getParams().getParam(p));
                }
            }
            byParams.computeIfAbsent(key.toString(), k -> new HashMap<>()).put(method, r);
        }
        System.out.println();
        byParams.forEach((suffix, scores) -> {
            for (String m : methods) {
                RunResult r = scores.get(m);
                System.out.printf(Locale.ROOT, "SCORE %s%s %s %.3f %s%n", name, suffix, m,
                        r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit());
            }
            double covet = scores.get(c.covetMethod()).getPrimaryResult().getScore();
            c.ratioToBaseline().forEach((ratioName, baseline) -> {
                String full = suffix.isEmpty() ? ratioName : ratioName.replaceFirst("^" + name, name + suffix);
                System.out.printf(Locale.ROOT, "RATIO %s %.3f%n", full,
                        covet / scores.get(baseline).getPrimaryResult().getScore());
            });
        });
    }
}
