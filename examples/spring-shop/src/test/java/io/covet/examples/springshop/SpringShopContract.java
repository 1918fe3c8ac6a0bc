package io.covet.examples.springshop;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.examples.shop.Product_;
import io.covet.orm.Orm;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The Spring Boot shop on one engine, through its REST API and the transaction integration. One application
 * context per engine (the subclasses); each test uses its own SKUs and tag names, so the tests share it.
 */
abstract class SpringShopContract {
    @Autowired
    Environment env;
    @Autowired
    Database db;
    @Autowired
    Orm orm;
    @Autowired
    ShopService shop;
    @Autowired
    TxProbe probe;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ConfigurableApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The test beans. */
    @TestConfiguration
    static class Probes {
        @Bean
        TxProbe txProbe(Orm orm, Database db, JdbcTemplate jdbc) {
            return new TxProbe(orm, db, jdbc);
        }
    }

    abstract Engine engine();

    HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + env.getProperty("local.server.port") + path)).header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRestApiAddsListsAndOrdersProductsOnCovetsOrm() throws Exception {
        assertThat(db.engine()).isEqualTo(engine());
        HttpResponse<String> added = call("POST", "/products",
                "{\"sku\":\"rest-pen\",\"name\":\"Pen\",\"price\":2.50,\"stock\":3}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(call("GET", "/products", null).body()).contains("\"sku\":\"rest-pen\"", "\"stock\":3");
        assertThat(shop.published()).contains("product-added:rest-pen");

        HttpResponse<String> dup = call("POST", "/products", "{\"sku\":\"rest-pen\",\"name\":\"Pen\",\"price\":1,\"stock\":1}");
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(dup.body()).as("Covet's UniqueViolation reached the controller as Spring's DuplicateKeyException")
                .contains("DuplicateKeyException");

        HttpResponse<String> order = call("POST", "/orders", "{\"email\":\"ann@example.com\",\"sku\":\"rest-pen\",\"quantity\":2}");
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        assertThat(order.body()).contains("\"total\":5.00");
        HttpResponse<String> tooMany = call("POST", "/orders", "{\"email\":\"ann@example.com\",\"sku\":\"rest-pen\",\"quantity\":2}");
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(tooMany.body()).contains("rest-pen has 1 in stock, 2 were ordered");
        assertThat(orm.objects(Product_.TYPE).get(Product_.SKU.eq("rest-pen")).stock())
                .as("the failed order rolled back all of its writes").isEqualTo(1);
        assertThat(shop.published().stream().filter(e -> e.startsWith("order-placed:")).count())
                .as("only the committed order was published").isEqualTo(1);
    }

    @Test
    void aTransactionalRollbackUndoesTheCovetWriteAndDropsItsOnCommit() {
        List<String> events = new CopyOnWriteArrayList<>();
        Throwable e = catchThrowable(() -> probe.covetWriteThenFail("rolled-back", events));
        assertThat(e).hasMessageContaining("the Spring transaction fails");
        assertThat(orm.objects(Product_.TYPE).filter(Product_.SKU.eq("rolled-back")).exists()).isFalse();
        assertThat(events).as("onCommit of the joined Covet block never ran").isEmpty();
    }

    @Test
    void aCovetBlockInsideTransactionalJoinsItsConnectionAndNestedBlocksAreSavepoints() {
        String session = engine() == Engine.POSTGRESQL ? "SELECT pg_backend_pid()"
                : engine() == Engine.MARIADB ? "SELECT CONNECTION_ID()" : null;
        TxProbe.Seen seen = probe.covetInsideSpring("join", session);
        assertThat(seen.depth()).as("the Covet block is nested in Spring's transaction").isEqualTo(1);
        assertThat(seen.nestedDepth()).isEqualTo(2);
        assertThat(seen.covetSawBeforeCommit()).as("Covet saw Spring's uncommitted write").containsExactly("join-spring");
        assertThat(seen.springSaw()).as("Spring saw Covet's write, and not the nested block's, undone by its savepoint")
                .containsExactly("join-covet", "join-spring");
        if (session != null) {
            assertThat(seen.covetSession()).as("one server session").isEqualTo(seen.springSession());
        }
        assertThat(probe.tagNames("join")).as("committed together").containsExactly("join-covet", "join-spring");
    }

    @Test
    void withOnlyCovetTheStarterTransactionManagerRunsCovetBlocksAndSpringCodeJoinsThem() {
        assertThat(transactionManager).isInstanceOf(JdbcTransactionManager.class);
        assertThat(((JdbcTransactionManager) transactionManager).getDataSource()).isSameAs(db.dataSource());
        List<String> events = new CopyOnWriteArrayList<>();
        db.atomicRun(block -> {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive())
                    .as("the outermost Covet block began a Spring transaction").isTrue();
            probe.mandatoryInsert("ptm-spring");
            orm.save(new io.covet.examples.shop.Tag("ptm-covet"));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.add("spring-after-commit");
                }
            });
            block.onCommit(() -> events.add("covet-on-commit"));
            assertThat(events).isEmpty();
        });
        assertThat(events).containsExactly("spring-after-commit", "covet-on-commit");
        assertThat(probe.tagNames("ptm")).containsExactly("ptm-covet", "ptm-spring");

        Throwable e = catchThrowable(() -> db.atomicRun(block -> {
            probe.mandatoryInsert("ptmfail-spring");
            block.onCommit(() -> events.add("never"));
            throw new IllegalStateException("abort the Covet block");
        }));
        assertThat(e).hasMessage("abort the Covet block");
        assertThat(probe.tagNames("ptmfail")).as("Spring's write rolled back with the Covet block").isEmpty();
        assertThat(events).doesNotContain("never");
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
    }

    @Test
    void migrationsRanBeforeTheOrmAndTheActuatorShowsThemWithHealthAndMetrics() throws Exception {
        assertThat(context.getBeanFactory().getBeanDefinition("covetOrm").getDependsOn())
                .as("Boot's detectors make the Orm wait for Covet's migrations").contains("covetMigrations");
        HttpResponse<String> covet = call("GET", "/actuator/covet", null);
        assertThat(covet.statusCode()).isEqualTo(200);
        String shipped = "[\"shop.0001_initial\",\"shop.0002_product_soft_delete\",\"shop.0003_orders_history\","
                + "\"shop.0004_fulfilment_line_total\",\"shop.0005_orders_history_open_version_index\"]";
        assertThat(covet.body()).contains("\"applied\":" + shipped, "\"pending\":[]",
                "\"appliedOnStartup\":" + shipped, "\"pool\":{\"max\":");
        HttpResponse<String> health = call("GET", "/actuator/health/covet", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"default\"", "\"migrations\"", "\"pool\"",
                "\"engine\":\"" + engine().name().toLowerCase(java.util.Locale.ROOT) + "\"");
        assertThat(health.body()).doesNotContain("covet:covet@");
        db.sql("SELECT 1").list(rs -> rs.getInt(1));
        assertThat(meters.getMeters()).as("covet-observe's meters are on Boot's registry")
                .anyMatch(m -> m.getId().getName().startsWith("covet.db.client")
                        && "default".equals(m.getId().getTag("covet.database")));
    }
}
