package io.covet.bench;

import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.orm.spi.ModelType;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code orm-startup}: the time from "the model classes are on the class path" to "the ORM is ready", for
 * {@code models} generated models (seven fields each, and a foreign key to the previous model): Covet's
 * {@code Orm.builder()…build()} against Hibernate 7's {@code buildSessionFactory()} for the same entities. Both
 * sides load their classes through a fresh class loader in every round, so class loading and initialisation are
 * counted alike; both are given the same open SQLite pool, so neither pays for connecting. The sources are
 * generated and compiled (Covet's with its annotation processor) before anything is timed. The ratio is the cold
 * one: each build in a JVM of its own, as an application starts (the median of several); the warm figures (the
 * build repeated in one JVM) follow as a comment. A wall-clock workload: startup is a one-shot cost, so JMH's
 * steady state would measure the wrong thing.
 */
public final class OrmStartupWorkload {
    private static final String COVET_PKG = "covetgen";
    private static final String HIBERNATE_PKG = "hgen";

    private OrmStartupWorkload() {
    }

    static List<String> run(boolean quick) throws Exception {
        int models = 200;
        int rounds = quick ? 5 : 15;
        int coldRounds = quick ? 3 : 7;
        Path dir = Files.createTempDirectory("covet-orm-startup");
        try {
            Path classes = compile(dir, models);
            URL[] cp = {classes.toUri().toURL()};
            Path dbFile = dir.resolve("startup.db");
            // Cold: what an application pays at launch, each side in a JVM of its own, alternating.
            long[] covetCold = new long[coldRounds];
            long[] hibernateCold = new long[coldRounds];
            for (int r = 0; r < coldRounds; r++) {
                covetCold[r] = inChildJvm("covet", classes, dbFile, models);
                hibernateCold[r] = inChildJvm("hibernate", classes, dbFile, models);
            }
            // Warm: the same build again in one JVM (fresh class loaders), best round of each.
            long[] covet = new long[rounds];
            long[] hibernate = new long[rounds];
            try (Database db = Database.open("sqlite:" + dbFile)) {
                // Alternating rounds, so a burst of load on the shared machine hits both sides alike.
                for (int r = 0; r < rounds; r++) {
                    covet[r] = covetStartup(db, cp, models);
                    hibernate[r] = hibernateStartup(db, cp, models);
                }
            }
            long cc = median(covetCold);
            long hc = median(hibernateCold);
            long c = best(covet);
            long h = best(hibernate);
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "RATIO orm-startup %.3f", (double) cc / hc));
            lines.add(String.format(Locale.ROOT, "# %d models, cold (a fresh JVM per build, median of %d): covet "
                            + "%.1f ms, hibernate %.1f ms; warm (best of %d in one JVM): covet %.1f ms, hibernate "
                            + "%.1f ms, ratio %.3f; goal: ratio <= 0.1 and covet <= 200 ms", models, coldRounds,
                    cc / 1e6, hc / 1e6, rounds, c / 1e6, h / 1e6, (double) c / h));
            return lines;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The child JVM's entry: {@code covet|hibernate CLASSES DBFILE MODELS}; prints the build's nanoseconds. Only
     * the build is timed, not the JVM's own start or opening the database.
     */
    public static void main(String[] args) throws Exception {
        URL[] cp = {Path.of(args[1]).toUri().toURL()};
        int models = Integer.parseInt(args[3]);
        try (Database db = Database.open("sqlite:" + args[2])) {
            long t = args[0].equals("covet") ? covetStartup(db, cp, models) : hibernateStartup(db, cp, models);
            System.out.println("NANOS " + t);
        }
    }

    private static long inChildJvm(String side, Path classes, Path dbFile, int models) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                OrmStartupWorkload.class.getName(), side, classes.toString(), dbFile.toString(),
                Integer.toString(models)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the " + side + " startup child failed:\n" + out);
        }
        return out.lines().filter(l -> l.startsWith("NANOS ")).mapToLong(l -> Long.parseLong(l.substring(6)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no time from the " + side + " child:\n"
                        + out));
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long covetStartup(Database db, URL[] cp, int models) throws Exception {
        try (URLClassLoader cl = new URLClassLoader(cp, OrmStartupWorkload.class.getClassLoader())) {
            long t0 = System.nanoTime();
            ModelType<?>[] types = new ModelType<?>[models];
            for (int i = 0; i < models; i++) {
                types[i] = (ModelType<?>) Class.forName(COVET_PKG + ".M" + i + "_", true, cl).getField("TYPE")
                        .get(null);
            }
            Orm orm = Orm.builder().database(db).models(types).build();
            long t = System.nanoTime() - t0;
            if (orm.types().size() != models) {
                throw new IllegalStateException("the Orm registered " + orm.types().size() + " models, not " + models);
            }
            return t;
        }
    }

    private static long hibernateStartup(Database db, URL[] cp, int models) throws Exception {
        try (URLClassLoader cl = new URLClassLoader(cp, OrmStartupWorkload.class.getClassLoader())) {
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(cl);
            try {
                long t0 = System.nanoTime();
                Configuration cfg = new Configuration();
                for (int i = 0; i < models; i++) {
                    cfg.addAnnotatedClass(Class.forName(HIBERNATE_PKG + ".H" + i, true, cl));
                }
                cfg.getProperties().put("hibernate.connection.datasource", db.dataSource());
                cfg.setProperty("hibernate.dialect", "org.hibernate.community.dialect.SQLiteDialect");
                cfg.setProperty("hibernate.cache.use_second_level_cache", "false");
                cfg.setProperty("hibernate.hbm2ddl.auto", "none");
                try (SessionFactory sf = cfg.buildSessionFactory()) {
                    long t = System.nanoTime() - t0;
                    if (sf.getMetamodel().getEntities().size() != models) {
                        throw new IllegalStateException("Hibernate mapped " + sf.getMetamodel().getEntities().size()
                                + " entities, not " + models);
                    }
                    return t;
                }
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        }
    }

    /** Writes both sets of sources and compiles them, Covet's with its annotation processor (from the class path). */
    private static Path compile(Path dir, int models) throws IOException {
        Path src = dir.resolve("src");
        Path out = dir.resolve("classes");
        Files.createDirectories(src.resolve(COVET_PKG));
        Files.createDirectories(src.resolve(HIBERNATE_PKG));
        Files.createDirectories(out);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            Path c = src.resolve(COVET_PKG).resolve("M" + i + ".java");
            Files.writeString(c, covetModel(i));
            Path h = src.resolve(HIBERNATE_PKG).resolve("H" + i + ".java");
            Files.writeString(h, hibernateEntity(i));
            files.add(c.toString());
            files.add(h.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("orm-startup needs a JDK (javax.tools), not a JRE");
        }
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath",
                System.getProperty("java.class.path"), "-encoding", "UTF-8", "-nowarn"));
        if (Runtime.version().feature() >= 21) {
            args.add("-proc:full"); // newer JDKs run processors found on the class path only when asked
        }
        args.addAll(files);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("compiling the generated models failed:\n"
                    + err.toString(StandardCharsets.UTF_8));
        }
        if (!Files.exists(out.resolve(COVET_PKG).resolve("M0_.class"))) {
            throw new UncheckedIOException(new IOException("the annotation processor did not run: no M0_ was "
                    + "generated (is covet-orm-processor in the benchmark jar?)"));
        }
        return out;
    }

    private static String covetModel(int i) {
        String parent = i == 0 ? "" : "    @ForeignKey(onDelete = OnDelete.CASCADE, nullable = true)\n"
                + "    Ref<M" + (i - 1) + "> parent;\n";
        return "package " + COVET_PKG + ";\n\n"
                + "import io.covet.orm.*;\n\n"
                + "@Model(table = \"m" + i + "\")\n"
                + "public class M" + i + " extends Entity {\n"
                + "    @PrimaryKey\n    Long id;\n"
                + "    @Column(maxLength = 100)\n    String name;\n"
                + "    @Column(maxLength = 255, nullable = true)\n    String note;\n"
                + "    int qty;\n"
                + "    @Column(precision = 12, scale = 2)\n    java.math.BigDecimal price;\n"
                + "    java.time.LocalDateTime created;\n"
                + "    boolean active;\n"
                + parent
                + "    public M" + i + "() {\n    }\n"
                + "}\n";
    }

    private static String hibernateEntity(int i) {
        String parent = i == 0 ? "" : "    @ManyToOne(fetch = FetchType.LAZY)\n    @JoinColumn(name = \"parent_id\")\n"
                + "    H" + (i - 1) + " parent;\n";
        return "package " + HIBERNATE_PKG + ";\n\n"
                + "import jakarta.persistence.*;\n\n"
                + "@Entity(name = \"H" + i + "\")\n"
                + "@Table(name = \"m" + i + "\")\n"
                + "public class H" + i + " {\n"
                + "    @Id\n    @GeneratedValue(strategy = GenerationType.IDENTITY)\n    Long id;\n"
                + "    @Column(length = 100, nullable = false)\n    String name;\n"
                + "    @Column(length = 255)\n    String note;\n"
                + "    int qty;\n"
                + "    @Column(precision = 12, scale = 2, nullable = false)\n    java.math.BigDecimal price;\n"
                + "    @Column(nullable = false)\n    java.time.LocalDateTime created;\n"
                + "    boolean active;\n"
                + parent
                + "    public H" + i + "() {\n    }\n"
                + "}\n";
    }

    private static long best(long[] xs) {
        long b = Long.MAX_VALUE;
        for (long x : xs) {
            b = Math.min(b, x);
        }
        return b;
    }
}
