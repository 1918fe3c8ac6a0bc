package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.SqlSyntaxError;
import io.covet.core.error.UniqueViolation;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Micrometer meters of every statement, named and tagged after the OpenTelemetry database conventions. */
class MetricsTest {

    @AllEngines
    void everyStatementIsTimedPerShapeWithTheConventionalTags(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE)").execute();
            for (int i = 1; i <= 5; i++) {
                db.sql("INSERT INTO item (id, name) VALUES (?, ?)", i, "n" + i).tables(List.of("item")).execute();
            }
            for (int i = 0; i < 3; i++) {
                db.sql("SELECT id, name FROM item WHERE id <= ?", 4).tables(List.of("item")).list();
            }
            String select = fingerprint("SELECT id, name FROM item WHERE id <= ?");
            String insert = fingerprint("INSERT INTO item (id, name) VALUES (?, ?)");

            Timer t = registry.find("db.client.operation.duration").tag("covet.shape", select).tag("error.type", "none")
                    .timer();
            assertThat(t).isNotNull();
            assertThat(t.count()).isEqualTo(3);
            assertThat(t.getId().getTag("db.system.name")).isEqualTo(s.engine().scheme());
            assertThat(t.getId().getTag("db.operation.name")).isEqualTo("SELECT");
            assertThat(t.getId().getTag("db.collection.name")).isEqualTo("item");
            assertThat(t.getId().getTag("covet.database")).isEqualTo("shop");
            assertThat(t.getId().getTag("db.namespace")).isNotBlank();
            ShapeSnapshot stats = obs.shapes("shop").get(select).orElseThrow();
            for (String q : List.of("0.5", "0.95", "0.99")) {
                io.micrometer.core.instrument.Gauge g = registry.find("covet.db.client.shape.duration")
                        .tag("covet.shape", select).tag("quantile", q).gauge();
                double expected = q.equals("0.5") ? stats.p50Millis() : q.equals("0.95") ? stats.p95Millis()
                        : stats.p99Millis();
                assertThat(g.value()).isCloseTo(expected / 1000, org.assertj.core.data.Offset.offset(1e-9));
            }
            // the SQL text is never a tag value
            registry.getMeters().forEach(m -> m.getId().getTags().forEach(tag ->
                    assertThat(tag.getValue()).doesNotContainIgnoringCase("select id")));

            DistributionSummary returned = registry.find("db.client.response.returned_rows")
                    .tag("covet.shape", select).summary();
            assertThat(returned.count()).isEqualTo(3);
            assertThat(returned.totalAmount()).isEqualTo(12.0);
            DistributionSummary affected = registry.find("covet.db.client.affected_rows").tag("covet.shape", insert)
                    .summary();
            assertThat(affected.count()).isEqualTo(5);
            assertThat(affected.totalAmount()).isEqualTo(5.0);
            Timer inserts = registry.find("db.client.operation.duration").tag("covet.shape", insert).timer();
            assertThat(inserts.getId().getTag("db.operation.name")).isEqualTo("INSERT");
        }
    }

    @AllEngines
    void realErrorsAreCountedByClassTableAndShape(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE)").execute();
            db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 1, "dup").tables(List.of("item")).execute();
            for (int i = 2; i <= 3; i++) {
                int id = i;
                assertThatThrownBy(() -> db.sql("INSERT INTO item (id, name) VALUES (?, ?)", id, "dup")
                        .tables(List.of("item")).execute()).isInstanceOf(UniqueViolation.class);
            }
            assertThatThrownBy(() -> db.sql("SELEC nonsense FROM item").list()).isInstanceOf(SqlSyntaxError.class);

            String insert = fingerprint("INSERT INTO item (id, name) VALUES (?, ?)");
            Counter unique = registry.find("covet.db.client.errors").tag("error.type", "UniqueViolation")
                    .tag("db.collection.name", "item").tag("covet.shape", insert).counter();
            assertThat(unique).isNotNull();
            assertThat(unique.count()).isEqualTo(2);
            Counter syntax = registry.find("covet.db.client.errors").tag("error.type", "SqlSyntaxError")
                    .tag("covet.shape", fingerprint("SELEC nonsense FROM item")).counter();
            assertThat(syntax.count()).isEqualTo(1);
            Timer failed = registry.find("db.client.operation.duration").tag("covet.shape", insert)
                    .tag("error.type", "UniqueViolation").timer();
            assertThat(failed.count()).isEqualTo(2);
            Timer ok = registry.find("db.client.operation.duration").tag("covet.shape", insert)
                    .tag("error.type", "none").timer();
            assertThat(ok.count()).isEqualTo(1);

            List<RecentError> errors = obs.recentErrors();
            assertThat(errors).hasSize(3);
            assertThat(errors.get(0).errorType()).isEqualTo("SqlSyntaxError");
            assertThat(errors.get(1).errorType()).isEqualTo("UniqueViolation");
            assertThat(errors.get(1).tables()).containsExactly("item");
            assertThat(errors.get(1).sql()).isEqualTo("INSERT INTO item (id, name) VALUES (?, ?)");
            if (s.engine() != io.covet.core.engine.Engine.SQLITE) { // sqlite-jdbc reports result codes, no SQLSTATE
                assertThat(errors.get(1).sqlState()).isNotEmpty();
            }
            assertThat(obs.shapes("shop").get(insert).orElseThrow().errors()).isEqualTo(2);
        }
    }

    @AllEngines
    void poolMetricsOfHikariAndTransactionCountersAreKept(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).meterRegistry(registry).build());
            db.atomicRun(tx -> db.sql("SELECT 1").list());
            assertThat(registry.find("hikaricp.connections.active").tag("pool", "covet-shop").gauge()).isNotNull();
            assertThat(registry.find("hikaricp.connections.max").tag("pool", "covet-shop").gauge().value())
                    .isEqualTo(db.config().maxPoolSize());
            assertThat(registry.find("hikaricp.connections.acquire").tag("pool", "covet-shop").timer().count())
                    .isPositive();
            assertThat(registry.find("covet.tx.commits").tag("db", "shop").counter().count()).isEqualTo(1);
        }
    }

    @AllEngines
    void openTransactionsAndTheOldestOnesAgeAreGauged(Scratch s) throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            // no registry of its own: the transaction counters follow observability's
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            io.micrometer.core.instrument.Gauge open = registry.find("covet.tx.open").tag("covet.database", "shop")
                    .gauge();
            io.micrometer.core.instrument.Gauge oldest = registry.find("covet.tx.open.oldest")
                    .tag("covet.database", "shop").gauge();
            assertThat(open.value()).isZero();
            assertThat(oldest.value()).isZero();
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread holder = new Thread(() -> db.atomicRun(io.covet.core.tx.TxOptions.builder().name("held").build(),
                    tx -> {
                        db.sql("SELECT 1").list();
                        inside.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            holder.start();
            try {
                assertThat(inside.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(open.value()).isEqualTo(1);
                double first = oldest.value();
                assertThat(first).isPositive();
                Thread.sleep(20);
                assertThat(oldest.value()).as("the age grows while the block stays open").isGreaterThan(first);
            } finally {
                release.countDown();
                holder.join(30_000);
            }
            assertThat(open.value()).isZero();
            assertThat(oldest.value()).isZero();
            assertThat(registry.find("covet.tx.commits").tag("db", "shop").tag("block", "held").counter().count())
                    .isEqualTo(1);
        }
    }

    @AllEngines
    void batchesCountEveryRowAffected(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40))").execute();
            db.batch("INSERT INTO item (id, name) VALUES (?, ?)",
                    Arrays.asList(List.of(1, "a"), List.of(2, "b"), List.of(3, "c")), List.of("item"));
            DistributionSummary affected = registry.find("covet.db.client.affected_rows")
                    .tag("covet.shape", fingerprint("INSERT INTO item (id, name) VALUES (?, ?)")).summary();
            assertThat(affected.totalAmount()).isEqualTo(3.0);
        }
    }

    static String fingerprint(String sql) {
        return io.covet.core.pipeline.StatementContext.fingerprint(sql);
    }
}
