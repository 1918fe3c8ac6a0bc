package io.covet.examples.shop;

import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.sql.Functions;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Defines the shop on an empty database, fills it with a few rows and runs the queries the guide shows: a filter
 * across a relation, select_related, prefetch_related and an aggregate. For {@code covet demo} and the docs.
 */
public final class ShopDemo {
    private ShopDemo() {
    }

    /**
     * Runs the demo on {@code db}, which must not hold the shop's tables yet, printing what it does to {@code out}.
     *
     * @return the number of lines printed
     */
    public static int run(Database db, PrintStream out) {
        Orm orm = Shop.orm(db);
        orm.createTables();
        return fillAndQuery(orm, out::println);
    }

    /**
     * Fills the shop's existing, empty tables (created by {@code createTables} or by its migrations) and runs the
     * queries, handing each printed line to {@code out}.
     *
     * @return the number of lines printed
     */
    public static int fillAndQuery(Orm orm, Consumer<String> out) {
        Customer ada = orm.save(new Customer("ada@example.com", "Ada", "GB"));
        Customer linus = orm.save(new Customer("linus@example.org", "Linus", "FI"));
        Tag paper = orm.save(new Tag("paper"));
        Product book = orm.save(new Product("book-1", "Book", new BigDecimal("12.50"), 10));
        Product pen = orm.save(new Product("pen-1", "Pen", new BigDecimal("1.20"), 100));
        book.tags().add(paper);
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        Order first = orm.save(new Order(ada, now).total(new BigDecimal("26.20")));
        orm.save(new OrderLine(first, book, 2));
        orm.save(new OrderLine(first, pen, 1));
        Order second = orm.save(new Order(linus, now.plusSeconds(60)).total(new BigDecimal("12.50")));
        orm.save(new OrderLine(second, book, 1));

        int lines = 0;
        List<Order> british = orm.objects(Order_.TYPE).filter(Order_.CUSTOMER, c -> c.country.eq("GB")).list();
        out.accept("orders of customers in GB: " + british.size());
        lines++;
        for (OrderLine l : orm.objects(OrderLine_.TYPE).selectRelated(OrderLine_.ORDER.then(Order_.CUSTOMER),
                OrderLine_.PRODUCT).list()) {
            out.accept("  " + l.order().get().customer().get().name() + " bought " + l.quantity() + " x "
                    + l.product().get().name());
            lines++;
        }
        for (Customer c : orm.objects(Customer_.TYPE).prefetchRelated(Customer_.ORDERS).list()) {
            out.accept("  " + c.name() + " has " + c.orders().all().size() + " order(s)");
            lines++;
        }
        BigDecimal revenue = orm.objects(Order_.TYPE).aggregate(Functions.sum(Order_.TOTAL));
        // SQLite sums decimals as floating point and drops trailing zeros; show two places everywhere
        out.accept("revenue: " + revenue.setScale(2, java.math.RoundingMode.HALF_EVEN));
        // Product is @SoftDelete: deleting discontinues it; its order line keeps pointing at the row
        orm.delete(pen);
        out.accept("on sale after discontinuing pen-1: " + orm.objects(Product_.TYPE).valuesFlat(Product_.SKU)
                + ", discontinued: " + orm.objects(Product_.TYPE).deletedOnly().valuesFlat(Product_.SKU)
                + ", order lines kept: " + orm.objects(OrderLine_.TYPE).count());
        return lines + 2;
    }
}
