package io.covet.migrate;

import io.covet.core.Database;
import io.covet.examples.shop.Customer;
import io.covet.examples.shop.Order;
import io.covet.examples.shop.Order_;
import io.covet.examples.shop.Shop;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.orm.audit.AuditEntry;
import io.covet.orm.audit.AuditFilter;
import io.covet.orm.audit.AuditTrail;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example shop's shipped migrations (0003 adds {@code @History} on orders) applied to a real database: an
 * order's change is captured by the triggers with its user, readable as of before it and listed by the audit trail.
 */
class ShopHistoryTest {

    @AllEngines
    void theShippedMigrationsTrackOrders(Scratch s) throws Exception {
        Database db = s.db();
        List<Migration> shipped = MigrationFiles.load(Path.of("../examples/src/main/resources/db/migrations"));
        assertThat(shipped).extracting(Migration::name).contains("0003_orders_history");
        Migrator.builder(db, shipped).build().migrate(Target.latest());
        Orm orm = Shop.orm(db);
        Customer ada = orm.save(new Customer("ada@example.com", "Ada", "GB"));
        Order o = orm.save(new Order(ada, Instant.parse("2024-05-01T10:00:00Z")).total(new BigDecimal("26.20")));
        Instant placed = orm.history(o).get(0).validFrom();
        Thread.sleep(5); // a later database time for the change (SQLite keeps milliseconds); nothing is timed
        Audit.as(db, "ada", "discount", () -> orm.save(o.total(new BigDecimal("20.00"))));

        assertThat(orm.objects(Order_.TYPE).asOf(placed).get().total()).isEqualByComparingTo("26.20");
        assertThat(orm.objects(Order_.TYPE).get().total()).isEqualByComparingTo("20.00");
        List<AuditEntry> log = AuditTrail.of(db).log(new AuditFilter("orders", String.valueOf(o.id()), null, null));
        assertThat(log).extracting(e -> e.change() + " " + e.user() + " " + e.reason())
                .containsExactly("+ null null", "~ ada discount");
        assertThat(new BigDecimal(String.valueOf(log.get(1).changes().get("total").before()))).isEqualByComparingTo("26.20");
        assertThat(log.get(1).changes()).containsOnlyKeys("total");
    }
}
