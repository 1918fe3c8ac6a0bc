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
 * rows (a third of each child), every row returned as its subclass: Covet's {@code listPolymorphic()} (one SELECT
 * with a LEFT JOIN per child) against Hibernate 7's JOINED strategy ({@code select i from HItem i}, a fresh
 * EntityManager per query, no second-level cache), on the same tables through the same pool. Blocks of each
 * alternate in random order and the median of the per-round ratios is reported, as in {@code orm-interleaved}.
 */
final class PolymorphicWorkload {
    static final int ROWS = 10_000;

    private PolymorphicWorkload() {
    }

    /** Runs on SQLite and PostgreSQL; returns SCORE and RATIO lines. */
    static List<String> run(boolean quick) throws Exception {
        int rounds = quick ? 20 : 80;
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("sqlite", "postgresql")) {
            Path file = engine.equals("sqlite") ? Files.createTempFile("covet-poly", ".db") : null;
            try (Database db = Database.open(file != null ? "sqlite:" + file : BenchUrls.postgres().covetUrl())) {
                lines.add(measure(engine, db, rounds));
            } finally {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
        }
        return lines;
    }

    private static String measure(String engine, Database db, int rounds) {
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
        cfg.setProperty("hibernate.dialect", engine.equals("sqlite") ? "org.hibernate.community.dialect.SQLiteDialect"
                : "org.hibernate.dialect.PostgreSQLDialect");
        cfg.setProperty("hibernate.cache.use_second_level_cache", "false");
        cfg.setProperty("hibernate.hbm2ddl.auto", "none");
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
            return interleave("orm-polymorphic-" + engine, covet, jpa, rounds);
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

    private static String interleave(String name, Supplier<List<?>> covet, Supplier<List<?>> hibernate, int rounds) {
        List<Supplier<List<?>>> ops = List.of(covet, hibernate);
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) {
            ops.forEach(Supplier::get);
        }
        long[][] nanos = new long[2][rounds];
        double[] ratio = new double[rounds];
        List<Integer> order = new ArrayList<>(List.of(0, 1));
        Random random = new Random(42);
        for (int r = 0; r < rounds; r++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                long t0 = System.nanoTime();
                ops.get(i).get();
                nanos[i][r] = System.nanoTime() - t0;
            }
            ratio[r] = (double) nanos[0][r] / nanos[1][r];
        }
        Arrays.sort(nanos[0]);
        Arrays.sort(nanos[1]);
        Arrays.sort(ratio);
        int n = rounds;
        return String.format(Locale.ROOT, "SCORE %s covet %.3f ms/op%nSCORE %s hibernate %.3f ms/op%n"
                        + "RATIO %s %.3f (quartiles %.3f-%.3f, %d rounds)", name, nanos[0][n / 2] / 1e6, name,
                nanos[1][n / 2] / 1e6, name, ratio[n / 2], ratio[n / 4], ratio[3 * n / 4], n);
    }
}
