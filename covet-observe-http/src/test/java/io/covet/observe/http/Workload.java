package io.covet.observe.http;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.UniqueViolation;
import io.covet.core.pipeline.LazyLoad;
import io.covet.core.resilience.ResilienceSettings;
import io.covet.core.tx.RetryPolicy;
import io.covet.core.tx.TxOptions;
import io.covet.observe.Observability;
import io.covet.testing.Scratch;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements the endpoint tests observe, the same on every engine: a table, inserts, reads by key, an
 * aggregate, an N+1 (five lazy loads of one relation after a list), a provoked unique violation, and one transaction held open past the long-transaction threshold
 * (waited for by its event, not by a clock).
 */
final class Workload {
    /** A value that must never show up on the endpoint: it is bound, and bound values are not exported. */
    static final String SECRET = "s3cr3t-TOKEN-4417";

    private Workload() {
    }

    /** The failure the {@code retried} block throws on its first attempt. */
    static final class RetryMe extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryMe() {
            super("first attempt fails on purpose");
        }
    }

    /**
     * The scratch database's configuration for the observability: a short long-transaction threshold, the
     * registry for core's transaction counters, and the default resilience settings (their breaker's meters).
     */
    static DatabaseConfig config(Scratch s, String name, MeterRegistry registry, CountDownLatch longTx) {
        return DatabaseConfig.builder(name, s.url()).meterRegistry(registry).maxPoolSize(4)
                .resilience(ResilienceSettings.defaults())
                .longTransactionThreshold(Duration.ofMillis(50))
                .longTransactionListener(t -> {
                    if (t.name().equals("held-open")) {
                        longTx.countDown();
                    }
                }).build();
    }

    /** Opens the scratch database through {@code obs} and runs the workload once. */
    static Database openAndRun(Observability obs, Scratch s, String name) throws InterruptedException {
        CountDownLatch longTx = new CountDownLatch(1);
        Database db = obs.open(config(s, name, obs.registry(), longTx));
        db.sql("CREATE TABLE obs_item (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price INT NOT NULL)")
                .tables(List.of("obs_item")).execute();
        run(db, longTx, 0);
        return db;
    }

    /** One round of the workload; {@code round} keeps the keys of successive rounds apart. */
    static void run(Database db, CountDownLatch longTx, int round) throws InterruptedException {
        int base = round * 1000;
        for (int i = 1; i <= 20; i++) {
            db.sql("INSERT INTO obs_item (id, name, price) VALUES (?, ?, ?)", base + i,
                    i == 7 ? SECRET : "item-" + i, i * 10).tables(List.of("obs_item")).execute();
        }
        for (int i = 1; i <= 30; i++) {
            db.sql("SELECT name, price FROM obs_item WHERE id = ?", base + 1 + i % 20).tables(List.of("obs_item"))
                    .list(rs -> rs.getString(1));
        }
        db.sql("SELECT COUNT(*), SUM(price) FROM obs_item WHERE price > ?", 50).tables(List.of("obs_item"))
                .list(rs -> rs.getLong(1));
        // An N+1: a list, then one on-demand load per row, marked the way the ORM marks its lazy loads.
        List<Integer> ids = db.sql("SELECT id FROM obs_item WHERE id > ? AND id <= ?", base, base + 5)
                .tables(List.of("obs_item")).list(rs -> rs.getInt(1));
        for (int id : ids) {
            new LazyLoad("Item", "detail", false).run(() -> db.sql("SELECT name FROM obs_item WHERE id = ?", id)
                    .tables(List.of("obs_item")).list(rs -> rs.getString(1)));
        }
        try {
            db.sql("INSERT INTO obs_item (id, name, price) VALUES (?, ?, ?)", base + 1, SECRET, 1)
                    .tables(List.of("obs_item")).execute();
            throw new AssertionError("the duplicate key was accepted");
        } catch (UniqueViolation expected) {
            // provoked: the endpoint must show it as an error of its shape
        }
        // A transaction retried once (its first attempt fails on purpose) and one rolled back.
        db.atomicRun(TxOptions.builder().name("retried").retry(RetryPolicy.builder().maxAttempts(2)
                .initialBackoff(Duration.ofMillis(1)).retryOn(RetryMe.class::isInstance).build()).build(), tx -> {
            db.sql("UPDATE obs_item SET price = price + 1 WHERE id = ?", base + 2).tables(List.of("obs_item"))
                    .execute();
            if (tx.attempt() == 1) {
                throw new RetryMe();
            }
        });
        try {
            db.atomicRun(TxOptions.builder().name("rolled-back").build(), tx -> {
                db.sql("UPDATE obs_item SET price = price + 1 WHERE id = ?", base + 3).tables(List.of("obs_item"))
                        .execute();
                throw new IllegalStateException("rolled back on purpose");
            });
        } catch (IllegalStateException expected) {
            // the rollback is what the transaction panels show
        }
        if (longTx != null && longTx.getCount() > 0) {
            db.atomicRun(TxOptions.builder().name("held-open").build(), tx -> {
                db.sql("UPDATE obs_item SET price = price + 1 WHERE id = ?", base + 1).tables(List.of("obs_item"))
                        .execute();
                try {
                    assertThat(longTx.await(60, TimeUnit.SECONDS)).as("long-transaction event").isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
