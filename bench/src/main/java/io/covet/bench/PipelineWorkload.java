package io.covet.bench;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.pipeline.Interceptor;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * {@code pipeline}: what the statement pipeline costs a Covet get-by-pk, against the same Covet statement path
 * as it was before the pipeline existed, measured in the same JVM and run.
 *
 * <p>Method. The baseline is the real previous code, not a switch kept in the product: the workload takes
 * {@code covet-core/src/main/java} of the commit just before the pipeline was added ({@code git}, or the
 * commit named by {@code COVET_PIPELINE_BASELINE}), compiles it with the running JDK against the same
 * dependency jars, and loads it in a class loader of its own (child-first for {@code io.covet.core}), beside
 * the current build. One small probe class, compiled from the same source by the same compiler for each build
 * and called through the same JDK interface, runs the get-by-pk at the statement API:
 * {@code db.sql("SELECT id, email, name, country, tier FROM customer WHERE id = ?", id).list(mapper)} — the path
 * {@code QuerySet.get(pk)} takes once its plan is cached, and the only one the pipeline changes. Three
 * contenders read the same SQLite file, each with its own pool: the baseline build, the current build with no
 * interceptor (the empty chain's fast path), and the current build with three no-op interceptors (each
 * passes {@code proceed()} through, so the context and chain links are built). Like {@code orm-interleaved}, it
 * alternates blocks of 300 gets in random order per round after a warm-up and reports the median over rounds of
 * each round's ratio, so the three see the same machine load. The ratios use the thread's CPU time: SQLite runs
 * in the calling thread, so that is the whole work of a get, and time the thread spends descheduled on a machine
 * shared with other jobs (which made wall-clock quartiles span 0.4 to 2.2) is left out. Allocation is counted
 * where it happens; collection on the JVM's own GC threads is not. Wall-clock medians are printed as SCORE
 * lines beside them.
 *
 * <p>{@code RATIO pipeline-empty} = current with an empty chain / baseline (goal ≤ 1.02);
 * {@code RATIO pipeline-noop} = current with three no-op interceptors / baseline (goal ≤ 1.05).
 */
final class PipelineWorkload {
    private static final String PROBE = """
            package io.covet.benchprobe;

            import io.covet.core.Database;

            public final class GetByPk implements java.util.function.LongFunction<Object> {
                private static final String SQL = "SELECT id, email, name, country, tier FROM customer WHERE id = ?";
                private final Database db;

                public GetByPk(Object db) {
                    this.db = (Database) db;
                }

                @Override
                public Object apply(long id) {
                    return db.sql(SQL, id).list(rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5)});
                }
            }
            """;
    private static final int ROWS = 10_000;

    private PipelineWorkload() {
    }

    static List<String> run(boolean quick) throws Exception {
        // Short blocks, many rounds: the three blocks of a round run within a few milliseconds of each other, so
        // they share the machine's load even when other work comes and goes.
        int rounds = quick ? 200 : 800;
        int perBlock = 300;
        Path work = Files.createTempDirectory("covet-bench-pipeline-");
        Path file = work.resolve("get.db");
        String url = "sqlite:" + file;
        List<AutoCloseable> open = new ArrayList<>();
        try {
            String baseline = baselineCommit();
            ClassLoader oldCore = compileBaseline(baseline, work);
            ClassLoader newProbe = compileProbe(work.resolve("new-probe"), null);
            try (Database setup = Database.open(url)) {
                setup.sql("CREATE TABLE customer (id INTEGER PRIMARY KEY, email VARCHAR(100), name VARCHAR(100), "
                        + "country VARCHAR(2), tier INTEGER)").execute();
                List<Object[]> rows = new ArrayList<>();
                for (int i = 1; i <= ROWS; i++) {
                    rows.add(new Object[]{i, "c" + i + "@example.com", "Customer " + i, i % 2 == 0 ? "NO" : "SE", i % 3});
                }
                setup.bulkLoad("customer", List.of("id", "email", "name", "country", "tier"), rows);
            }
            Object oldDb = oldCore.loadClass("io.covet.core.Database").getMethod("open", String.class).invoke(null, url);
            open.add((AutoCloseable) oldDb);
            Database empty = Database.open(url);
            open.add(empty);
            Database noop = Database.open(DatabaseConfig.builder("default").url(url)
                    .interceptor(new Interceptor() { })
                    .interceptor(new Interceptor() { })
                    .interceptor(new Interceptor() { }).build());
            open.add(noop);
            @SuppressWarnings("unchecked")
            LongFunction<Object>[] ops = new LongFunction[]{
                    probe(oldCore, oldDb), probe(newProbe, empty), probe(newProbe, noop)};
            return measure(baseline, ops, perBlock, rounds);
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static LongFunction<Object> probe(ClassLoader loader, Object db) throws Exception {
        return (LongFunction<Object>) loader.loadClass("io.covet.benchprobe.GetByPk").getConstructor(Object.class)
                .newInstance(db);
    }

    private static List<String> measure(String baseline, LongFunction<Object>[] ops, int perBlock, int rounds) {
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) {
            for (LongFunction<Object> op : ops) {
                block(op, perBlock, 0);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] nanos = new long[ops.length][rounds];
        long[][] cpu = new long[ops.length][rounds];
        double[] empty = new double[rounds];
        double[] noop = new double[rounds];
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        Random random = new Random(42);
        for (int r = 0; r < rounds; r++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                long c0 = threads.getCurrentThreadCpuTime();
                nanos[i][r] = block(ops[i], perBlock, r * 7919L);
                cpu[i][r] = threads.getCurrentThreadCpuTime() - c0;
            }
            empty[r] = (double) cpu[1][r] / cpu[0][r];
            noop[r] = (double) cpu[2][r] / cpu[0][r];
        }
        for (long[] n : nanos) {
            Arrays.sort(n);
        }
        for (long[] n : cpu) {
            Arrays.sort(n);
        }
        Arrays.sort(empty);
        Arrays.sort(noop);
        List<String> lines = new ArrayList<>();
        String[] names = {"before-pipeline(" + baseline.substring(0, 10) + ")", "empty-chain", "three-noop"};
        for (int i = 0; i < ops.length; i++) {
            lines.add(String.format(Locale.ROOT, "SCORE pipeline-sqlite %s %.3f us/op wall, %.3f us/op cpu", names[i],
                    nanos[i][rounds / 2] / 1e3 / perBlock, cpu[i][rounds / 2] / 1e3 / perBlock));
        }
        lines.add(ratio("pipeline-empty", empty));
        lines.add(ratio("pipeline-noop", noop));
        return lines;
    }

    private static String ratio(String name, double[] sorted) {
        int n = sorted.length;
        return String.format(Locale.ROOT, "RATIO %s %.3f (quartiles %.3f-%.3f, %d rounds, sqlite get-by-pk, cpu time)", name,
                sorted[n / 2], sorted[n / 4], sorted[3 * n / 4], n);
    }

    private static long block(LongFunction<Object> op, int n, long seed) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long id = 1 + Math.floorMod(seed + i * 31L, ROWS);
            if (((List<?>) op.apply(id)).size() != 1) {
                throw new IllegalStateException("get-by-pk found no row for id " + id);
            }
        }
        return System.nanoTime() - t0;
    }

    /** The commit just before the pipeline's first commit, or {@code COVET_PIPELINE_BASELINE}. */
    private static String baselineCommit() throws IOException, InterruptedException {
        String given = System.getenv("COVET_PIPELINE_BASELINE");
        String ref = given;
        if (ref == null || ref.isBlank()) {
            List<String> adds = exec("git", "log", "--diff-filter=A", "--format=%H", "--",
                    "covet-core/src/main/java/io/covet/core/pipeline/Interceptor.java");
            if (adds.isEmpty()) {
                throw new IllegalStateException("cannot find the commit that added the pipeline in git history; "
                        + "run from a Covet checkout or set COVET_PIPELINE_BASELINE to a commit before it");
            }
            ref = adds.get(adds.size() - 1) + "^";
        }
        return exec("git", "rev-parse", "--verify", ref + "^{commit}").get(0);
    }

    /** Compiles covet-core of {@code commit} with the probe; a loader that prefers them to the current build's. */
    private static ClassLoader compileBaseline(String commit, Path work) throws Exception {
        Path src = work.resolve("baseline-src");
        Files.createDirectories(src);
        Path tar = work.resolve("baseline.tar");
        Process p = new ProcessBuilder("git", "archive", "--format=tar", "-o", tar.toString(), commit,
                "covet-core/src/main/java").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git archive of " + commit + " failed");
        }
        Process x = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", src.toString()).inheritIO().start();
        if (x.waitFor() != 0) {
            throw new IllegalStateException("unpacking the baseline sources failed");
        }
        return compileProbe(work.resolve("baseline-classes"), src.resolve("covet-core/src/main/java"));
    }

    /**
     * Compiles the probe (with the baseline's covet-core sources when {@code coreSources} is given) and returns a
     * loader that loads what was compiled before asking the current class path.
     */
    private static ClassLoader compileProbe(Path out, Path coreSources) throws Exception {
        Path src = out.resolveSibling(out.getFileName() + "-probe-src");
        Path probe = src.resolve("io/covet/benchprobe/GetByPk.java");
        Files.createDirectories(probe.getParent());
        Files.writeString(probe, PROBE);
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                "-nowarn", "-proc:none", "--release", "17", probe.toString()));
        if (coreSources != null) {
            try (Stream<Path> files = Files.walk(coreSources)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the pipeline workload compiles the baseline: run it with a JDK");
        }
        if (javac.run(null, null, System.err, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("compiling the " + (coreSources == null ? "probe" : "baseline") + " failed");
        }
        List<String> own = coreSources == null ? List.of("io.covet.benchprobe.")
                : List.of("io.covet.benchprobe.", "io.covet.core.");
        return new ChildFirst(new URL[]{out.toUri().toURL()}, PipelineWorkload.class.getClassLoader(), own);
    }

    /** Loads classes of the given packages from its own URLs first; everything else from the parent. */
    private static final class ChildFirst extends URLClassLoader {
        private final List<String> prefixes;

        ChildFirst(URL[] urls, ClassLoader parent, List<String> prefixes) {
            super(urls, parent);
            this.prefixes = prefixes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (prefixes.stream().anyMatch(name::startsWith)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        c = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(c);
                    }
                    return c;
                }
                return super.loadClass(name, resolve);
            }
        }
    }

    private static List<String> exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        List<String> lines;
        try (InputStream in = p.getInputStream()) {
            lines = new String(in.readAllBytes()).lines().filter(l -> !l.isBlank()).toList();
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return lines;
    }
}
