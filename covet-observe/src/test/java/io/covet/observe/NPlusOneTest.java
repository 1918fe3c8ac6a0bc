package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.examples.shop.Customer;
import io.covet.examples.shop.Customer_;
import io.covet.examples.shop.Order;
import io.covet.examples.shop.Order_;
import io.covet.examples.shop.Shop;
import io.covet.examples.shop.ShopDemo;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** N+1 detection on the guide's shop: the ORM marks its lazy loads, the pipeline counts them per unit of work. */
class NPlusOneTest {

    private static Orm shop(Observability obs, Scratch s) {
        Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
        Orm orm = Shop.orm(db);
        orm.createTables();
        List<String> printed = new ArrayList<>();
        ShopDemo.fillAndQuery(orm, printed::add); // two customers, two orders
        Customer grace = orm.save(new Customer("grace@example.com", "Grace", "US"));
        orm.save(new Order(grace, Instant.parse("2024-05-02T10:00:00Z")));
        orm.save(new Order(grace, Instant.parse("2024-05-03T10:00:00Z")));
        return orm;
    }

    @AllEngines
    void theShopDemosCorrectPathsRaiseNothingEvenInStrictMode(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).nPlusOne(NPlusOneMode.STRICT)
                .nPlusOneThreshold(2).build(); LogCapture log = new LogCapture()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            try (Observability.UnitOfWork unit = obs.unitOfWork("demo")) {
                ShopDemo.run(db, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            }
            assertThat(registry.find("covet.orm.n_plus_one").counters()).isEmpty();
            assertThat(log.text()).doesNotContain("N+1");
        }
    }

    @AllEngines
    void lazyLoadingAForeignKeyPerRowWarnsNamingModelRelationAndTheFix(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).build();
             LogCapture log = new LogCapture()) {
            Orm orm = shop(obs, s);
            List<String> names = new ArrayList<>();
            for (Order o : orm.objects(Order_.TYPE).list()) {
                names.add(o.customer().get().name());
            }
            assertThat(names).hasSize(4);
            String warning = log.text().lines().filter(l -> l.contains("N+1")).findFirst().orElseThrow();
            assertThat(warning).contains("WARN io.covet.observe.nplusone").contains("Order.customer")
                    .contains("lazily loaded 3 times").contains("selectRelated(Order_.CUSTOMER)")
                    .contains("database 'shop'");
            assertThat(log.text().lines().filter(l -> l.contains("N+1"))).hasSize(1);
            Counter c = registry.find("covet.orm.n_plus_one").tag("model", "Order").tag("relation", "customer")
                    .tag("covet.database", "shop").counter();
            assertThat(c.count()).isEqualTo(1);

            // the fix: one query with a join, no lazy load
            for (Order o : orm.objects(Order_.TYPE).selectRelated(Order_.CUSTOMER).list()) {
                o.customer().get().name();
            }
            assertThat(c.count()).isEqualTo(1);
        }
    }

    @AllEngines
    void lazyLoadingAReverseRelationPerRowPointsToPrefetchRelated(Scratch s) {
        try (Observability obs = Observability.builder().build(); LogCapture log = new LogCapture()) {
            Orm orm = shop(obs, s);
            obs.database("shop").orElseThrow().atomicRun(tx -> {
                for (Customer c : orm.objects(Customer_.TYPE).list()) {
                    c.orders().all();
                }
            });
            assertThat(log.text()).contains("Customer.orders").contains("prefetchRelated(Customer_.ORDERS)")
                    .contains("in transaction 'atomic'");
            String before = log.text();
            for (Customer c : orm.objects(Customer_.TYPE).prefetchRelated(Customer_.ORDERS).list()) {
                c.orders().all();
            }
            assertThat(log.text().substring(before.length())).doesNotContain("N+1");
        }
    }

    @AllEngines
    void strictModeFailsTheLoadThatReachesTheThreshold(Scratch s) {
        try (Observability obs = Observability.builder().nPlusOne(NPlusOneMode.STRICT).build();
             LogCapture ignored = new LogCapture()) {
            Orm orm = shop(obs, s);
            List<Order> orders = orm.objects(Order_.TYPE).list();
            orders.get(0).customer().get();
            orders.get(1).customer().get();
            assertThatThrownBy(() -> orders.get(2).customer().get()).isInstanceOf(NPlusOneDetected.class)
                    .hasMessageContaining("Order.customer").hasMessageContaining("selectRelated(Order_.CUSTOMER)")
                    .satisfies(e -> {
                        NPlusOneDetected d = (NPlusOneDetected) e;
                        assertThat(d.model()).isEqualTo("Order");
                        assertThat(d.relation()).isEqualTo("customer");
                        assertThat(d.toMany()).isFalse();
                        assertThat(d.loads()).isEqualTo(3);
                    });
        }
    }

    @AllEngines
    void loadsInSeparateUnitsOrBrokenByOtherStatementsAreNotCountedTogether(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).nPlusOne(NPlusOneMode.STRICT)
                .build()) {
            Orm orm = shop(obs, s);
            List<Order> orders = orm.objects(Order_.TYPE).list();
            for (Order o : orders) {
                try (Observability.UnitOfWork unit = obs.unitOfWork("request for order " + o.id())) {
                    o.customer().get();
                }
            }
            List<Order> again = orm.objects(Order_.TYPE).list();
            for (Order o : again) {
                orm.objects(Customer_.TYPE).count(); // a statement of its own between the loads
                o.customer().get();
            }
            assertThat(registry.find("covet.orm.n_plus_one").counters()).isEmpty();
        }
    }

    @AllEngines
    void offCountsNothing(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).nPlusOne(NPlusOneMode.OFF).build()) {
            Orm orm = shop(obs, s);
            for (Order o : orm.objects(Order_.TYPE).list()) {
                o.customer().get();
            }
            assertThat(registry.find("covet.orm.n_plus_one").counters()).isEmpty();
        }
    }
}
