package io.covet.examples.shop;

import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A shop schema with a little data on a scratch database (or on a {@code @CovetTest}'s Orm). */
final class Fixture {
    final Orm orm;
    final Database db;
    Customer ada;
    Customer alan;
    Customer grace;
    Product book;
    Product pen;
    Product lamp;
    Tag paper;
    Tag office;
    Order adaFirst;
    Order adaSecond;
    Order alanOrder;

    private Fixture(Database db) {
        this.db = db;
        this.orm = Shop.orm(db);
        orm.createTables();
    }

    private Fixture(Orm orm) {
        this.db = orm.database();
        this.orm = orm;
    }

    /** A fixture on an Orm whose tables exist (a {@code @CovetTest}'s). */
    static Fixture on(Orm orm) {
        return new Fixture(orm);
    }

    static Fixture plain(Scratch s) {
        return new Fixture(s.db());
    }

    Fixture withData() {
        ada = orm.save(new Customer("ada@example.com", "Ada", "GB"));
        alan = orm.save(new Customer("alan@example.org", "Alan", "GB"));
        grace = orm.save(new Customer("grace@example.com", "Grace", "US"));
        paper = orm.save(new Tag("paper"));
        office = orm.save(new Tag("office"));
        book = orm.save(new Product("book-1", "Book", new BigDecimal("12.50"), 10));
        pen = orm.save(new Product("pen-1", "Pen", new BigDecimal("1.20"), 100));
        lamp = orm.save(new Product("lamp-1", "Lamp", new BigDecimal("30.00"), 0));
        book.tags().add(paper);
        pen.tags().add(paper, office);
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        adaFirst = orm.save(new Order(ada, t).total(new BigDecimal("25.00")));
        adaSecond = orm.save(new Order(ada, t.plusSeconds(3600)).total(new BigDecimal("1.20")));
        alanOrder = orm.save(new Order(alan, t.plusSeconds(7200)).total(new BigDecimal("30.00")));
        orm.save(new OrderLine(adaFirst, book, 2));
        orm.save(new OrderLine(adaSecond, pen, 1));
        orm.save(new OrderLine(alanOrder, lamp, 1));
        return this;
    }

    static List<String> names(List<Customer> cs) {
        return cs.stream().map(Customer::name).toList();
    }
}
