package io.covet.bench;

import io.covet.core.Database;
import io.covet.orm.Orm;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * {@code orm-polymorphic}: a polymorphic query of the parent of a three-child multi-table hierarchy over 10,000
 * rows (a third of each child), every row returned as its subclass: Covet's unfiltered {@code listPolymorphic()}
 * (each child's own table, then the parent's rows, in one read-only snapshot transaction) against Hibernate 7's JOINED strategy ({@code select i from HItem i}, a fresh
 * EntityManager per query, no second-level cache), on the same tables through the same pool. Blocks of each
 * alternate in random order and the median of the per-round ratios is reported, as in {@code orm-interleaved}.
 */
final class PolymorphicWorkload {
    static final int ROWS = 10_000;

    private PolymorphicWorkload() {
    }

    /**
     * Runs on SQLite, PostgreSQL and MariaDB (or the engines named, comma-separated, in
     * {@code COVET_BENCH_POLY_ENGINES}); returns SCORE and RATIO lines, and FLOOR lines for plain JDBC
     * ({@link PolymorphicFloor}) measured in the same rounds.
     */
    static List<String> run(boolean quick) throws Exception {
        int rounds = quick ? 20 : 80;
        List<String> lines = new ArrayList<>();
        String only = System.getenv("COVET_BENCH_POLY_ENGINES");
        for (String engine : only == null || only.isBlank() ? List.of("sqlite", "postgresql", "mariadb")
                : List.of(only.split(","))) {
            Path file = engine.equals("sqlite") ? Files.createTempFile("covet-poly", ".db") : null;
            String url = switch (engine) {
                case "sqlite" -> "sqlite:" + file;
                case "postgresql" -> BenchUrls.postgres().covetUrl();
                default -> BenchUrls.mariadb();
            };
            List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
            io.covet.core.pipeline.Interceptor capture = new io.covet.core.pipeline.Interceptor() {
                @Override
                public <T> T intercept(Chain<T> chain) {
                    if (chain.context().kind() != io.covet.core.pipeline.StatementKind.TRANSACTION) {
                        sent.add(chain.context().sql());
                    }
                    return chain.proceed();
                }
            };
            try (Database db = Database.open(url);
                 Database captured = Database.open(io.covet.core.DatabaseConfig.builder("poly_capture", url)
                         .interceptor(capture).build())) {
                lines.add(measure(engine, db, captured, sent, rounds));
            } finally {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
        }
        return lines;
    }

    private static String measure(String engine, Database db, Database captured, List<String> sent, int rounds) {
        for (String t : List.of("poly_book", "poly_film", "poly_game", "poly_item")) {
            db.sql("DROP TABLE IF EXISTS " + t).execute();
        }
        Orm orm = Orm.builder().database(db).models(PolyItem_.TYPE, PolyBook_.TYPE, PolyFilm_.TYPE, PolyGame_.TYPE)
                .build();
        orm.createTables();
        db.atomicRun(tx -> {
            for (int i = 0; i < ROWS; i++) {
                switch (i % 3) {
                    case 0 -> orm.save(new PolyBook("book " + i, i % 50, 100 + i % 400, "author " + i % 97));
                    case 1 -> orm.save(new PolyFilm("film " + i, i % 40, 80 + i % 90));
                    default -> orm.save(new PolyGame("game " + i, i % 60, 1 + i % 8));
                }
            }
        });
        Configuration cfg = new Configuration().addAnnotatedClass(HibernateItems.HItem.class)
                .addAnnotatedClass(HibernateItems.HBook.class).addAnnotatedClass(HibernateItems.HFilm.class)
                .addAnnotatedClass(HibernateItems.HGame.class);
        cfg.getProperties().put("hibernate.connection.datasource", db.dataSource());
        cfg.setProperty("hibernate.dialect", switch (engine) {
            case "sqlite" -> "org.hibernate.community.dialect.SQLiteDialect";
            case "postgresql" -> "org.hibernate.dialect.PostgreSQLDialect";
            default -> "org.hibernate.dialect.MariaDBDialect";
        });
        cfg.setProperty("hibernate.cache.use_second_level_cache", "false");
        cfg.setProperty("hibernate.hbm2ddl.auto", "none");
        // the statements both send, captured once (Hibernate's by a statement inspector on a second factory)
        List<String> hibernateSent = new ArrayList<>();
        List<String> covetSent = new ArrayList<>();
        List<String> joinedSent = new ArrayList<>();
        Configuration inspected = new Configuration().addAnnotatedClass(HibernateItems.HItem.class)
                .addAnnotatedClass(HibernateItems.HBook.class).addAnnotatedClass(HibernateItems.HFilm.class)
                .addAnnotatedClass(HibernateItems.HGame.class);
        inspected.getProperties().putAll(cfg.getProperties());
        inspected.setStatementInspector(sql -> {
            hibernateSent.add(sql);
            return sql;
        });
        try (Orm capturing = Orm.builder().database(captured)
                .models(PolyItem_.TYPE, PolyBook_.TYPE, PolyFilm_.TYPE, PolyGame_.TYPE).build();
             SessionFactory h = inspected.buildSessionFactory()) {
            sent.clear();
            capturing.objects(PolyItem_.TYPE).listPolymorphic();
            covetSent.addAll(sent);
            // the joined statement Covet sends for a filtered query (a filter keeping every row), for its floor
            sent.clear();
            capturing.objects(PolyItem_.TYPE).filter(PolyItem_.ID.isNotNull()).listPolymorphic();
            joinedSent.addAll(sent);
            try (EntityManager em = h.createEntityManager()) {
                em.createQuery("select i from HItem i order by i.id", HibernateItems.HItem.class).getResultList();
            }
        }
        // unfiltered: the parent's rows and each child's own table (transaction control not counted)
        if (covetSent.size() != 4 || joinedSent.size() != 1 || hibernateSent.size() != 1) {
            throw new IllegalStateException("expected four statements for Covet's unfiltered query and one for its "
                    + "filtered one and Hibernate's, got " + covetSent + ", " + joinedSent + " and " + hibernateSent);
        }
        covetSent.forEach(sql -> System.out.println("SQL covet: " + sql));
        System.out.println("SQL covet-joined (filtered queries): " + joinedSent.get(0));
        System.out.println("SQL hibernate: " + hibernateSent.get(0));
        try (SessionFactory hibernate = cfg.buildSessionFactory()) {
            Supplier<List<?>> covet = () -> orm.objects(PolyItem_.TYPE).listPolymorphic();
            Supplier<List<?>> jpa = () -> {
                EntityManager em = hibernate.createEntityManager();
                try {
                    return em.createQuery("select i from HItem i order by i.id", HibernateItems.HItem.class)
                            .getResultList();
                } finally {
                    em.close();
                }
            };
            check(covet.get(), PolyBook.class, PolyFilm.class, PolyGame.class);
            check(jpa.get(), HibernateItems.HBook.class, HibernateItems.HFilm.class, HibernateItems.HGame.class);
            java.util.Map<String, Supplier<List<?>>> ops = new java.util.LinkedHashMap<>();
            ops.put("covet", covet);
            ops.put("hibernate", jpa);
            ops.putAll(PolymorphicFloor.floors(db, joinedSent.get(0), hibernateSent.get(0)));
            for (var e : ops.entrySet()) {
                if (!e.getKey().equals("hibernate") && !e.getKey().equals("covet")) {
                    check(e.getValue().get(), PolymorphicFloor.Book.class, PolymorphicFloor.Film.class,
                            PolymorphicFloor.Game.class);
                }
            }
            return interleave("orm-polymorphic-" + engine, ops, rounds);
        } finally {
            orm.close();
        }
    }

    /** Both contenders must return every row as its subclass, or the comparison means nothing. */
    private static void check(List<?> rows, Class<?>... kinds) {
        if (rows.size() != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " rows, got " + rows.size());
        }
        for (int i = 0; i < 3; i++) {
            Class<?> k = kinds[i];
            long n = rows.stream().filter(r -> r.getClass() == k).count();
            if (n != (ROWS + 2 - i) / 3) {
                throw new IllegalStateException("expected " + (ROWS + 2 - i) / 3 + " " + k.getSimpleName() + ", got "
                        + n);
            }
        }
    }

    /**
     * Runs the operations in blocks in random order per round; reports each one's median time and its median
     * per-round ratio to Hibernate's; the RATIO line is Covet's.
     */
    private static String interleave(String name, java.util.Map<String, Supplier<List<?>>> named, int rounds) {
        List<String> names = new ArrayList<>(named.keySet());
        List<Supplier<List<?>>> ops = new ArrayList<>(named.values());
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) {
            ops.forEach(Supplier::get);
        }
        int m = ops.size();
        int h = names.indexOf("hibernate");
        long[][] nanos = new long[m][rounds];
        double[][] ratio = new double[m][rounds];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            order.add(i);
        }
        Random random = new Random(42);
        for (int r = 0; r < rounds; r++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                long t0 = System.nanoTime();
                ops.get(i).get();
                nanos[i][r] = System.nanoTime() - t0;
            }
            for (int i = 0; i < m; i++) {
                ratio[i][r] = (double) nanos[i][r] / nanos[h][r];
            }
        }
        int n = rounds;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < m; i++) {
            Arrays.sort(nanos[i]);
            Arrays.sort(ratio[i]);
            String kind = i < 2 ? "SCORE" : "FLOOR";
            out.append(String.format(Locale.ROOT, "%s %s %s %.3f ms/op (to hibernate %.3f)%n", kind, name,
                    names.get(i), nanos[i][n / 2] / 1e6, ratio[i][n / 2]));
        }
        int c = names.indexOf("covet");
        return out.append(String.format(Locale.ROOT, "RATIO %s %.3f (quartiles %.3f-%.3f, %d rounds)", name,
                ratio[c][n / 2], ratio[c][n / 4], ratio[c][3 * n / 4], n)).toString();
    }
}
