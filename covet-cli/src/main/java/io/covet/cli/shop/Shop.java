package io.covet.cli.shop;

import io.covet.core.Database;
import io.covet.orm.spi.ModelType;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.orm.audit.AuditEntry;
import io.covet.orm.audit.AuditFilter;
import io.covet.orm.audit.AuditTrail;
import io.covet.sql.Functions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The demo shop's models, and the rows and queries {@code covet demo} shows through the ORM. */
public final class Shop {
    private Shop() {
    }

    /** Every model of the demo shop. */
    public static List<ModelType<?>> models() {
        return List.of(Customer_.TYPE, Tag_.TYPE, Product_.TYPE, Order_.TYPE, OrderLine_.TYPE);
    }

    /** An Orm of the demo shop on one database (validated against its engine). */
    public static Orm orm(Database db) {
        return Orm.builder().database(db).models(models().toArray(ModelType[]::new)).build();
    }

    /**
     * Fills the shop's existing, empty tables and runs a filter across a relation, select_related,
     * prefetch_related and an aggregate, handing each printed line to {@code out}.
     */
    public static void fillAndQuery(Orm orm, Consumer<String> out) {
        Customer ada = orm.save(new Customer("ada@example.com", "Ada", "GB"));
        Customer linus = orm.save(new Customer("linus@example.org", "Linus", "FI"));
        Tag paper = orm.save(new Tag("paper"));
        Product book = orm.save(new Product("book-1", "Book", new BigDecimal("12.50")));
        Product pen = orm.save(new Product("pen-1", "Pen", new BigDecimal("1.20")));
        book.tags().add(paper);
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        Order first = orm.save(new Order(ada, now, new BigDecimal("26.20")));
        orm.save(new OrderLine(first, book, 2));
        orm.save(new OrderLine(first, pen, 1));
        Order second = orm.save(new Order(linus, now.plusSeconds(60), new BigDecimal("12.50")));
        orm.save(new OrderLine(second, book, 1));

        List<Order> british = orm.objects(Order_.TYPE).filter(Order_.CUSTOMER, c -> c.country.eq("GB")).list();
        out.accept("orders of customers in GB: " + british.size());
        for (OrderLine l : orm.objects(OrderLine_.TYPE).selectRelated(OrderLine_.ORDER.then(Order_.CUSTOMER),
                OrderLine_.PRODUCT).list()) {
            out.accept("  " + l.order().get().customer().get().name() + " bought " + l.quantity() + " x "
                    + l.product().get().name());
        }
        for (Customer c : orm.objects(Customer_.TYPE).prefetchRelated(Customer_.ORDERS).list()) {
            out.accept("  " + c.name() + " has " + c.orders().all().size() + " order(s)");
        }
        BigDecimal revenue = orm.objects(Order_.TYPE).aggregate(Functions.sum(Order_.TOTAL));
        // SQLite sums decimals as floating point and drops trailing zeros; show two places everywhere
        out.accept("revenue: " + revenue.setScale(2, RoundingMode.HALF_EVEN));
        history(orm, first, out);
    }

    /**
     * Order is {@code @History}: its migration made {@code orders_history} and the triggers that fill it. A discount
     * attributed with {@code Audit.as}, the order as of before it, and the audit-trail entry it left.
     */
    private static void history(Orm orm, Order order, Consumer<String> out) {
        Instant placed = orm.history(order).get(0).validFrom(); // the database clock's time of the insert
        try {
            Thread.sleep(2); // SQLite's history clock keeps milliseconds: give the discount a later one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Audit.as(orm, "ada", "loyalty discount", () -> orm.save(order.total(new BigDecimal("20.00"))));
        Order then = orm.objects(Order_.TYPE).asOf(placed).filter(Order_.ID.eq(order.id())).get();
        out.accept("order " + order.id() + " total now " + order.total() + ", as of " + placed + " (asOf): "
                + then.total().setScale(2, RoundingMode.HALF_EVEN));
        for (AuditEntry e : AuditTrail.of(orm.database()).log(new AuditFilter("orders", String.valueOf(order.id()),
                "ada", null))) {
            out.accept("audit: " + e.model() + " " + e.key() + " " + e.change() + " by " + e.user() + " ("
                    + e.reason() + "): " + e.changes().entrySet().stream().map(c -> c.getKey() + " "
                    + c.getValue().before() + " -> " + c.getValue().after()).toList());
        }
    }
}
