package io.covet.examples.shop;

import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.testing.Scratch;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A shop schema with a little data on a scratch database, and a statement counter. */
final class Fixture {
    final Orm orm;
    final Database db;
    final AtomicInteger statements = new AtomicInteger();
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

    /** A fixture whose database counts the statements it prepares. */
    static Fixture counting(Scratch s) {
        AtomicInteger counter = new AtomicInteger();
        DataSource real = s.db().dataSource();
        DataSource counted = (DataSource) Proxy.newProxyInstance(Fixture.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (p, m, args) -> {
                    Object r = invoke(m, real, args);
                    return r instanceof Connection c ? countingConnection(c, counter) : r;
                });
        Database db = Database.of("default", counted);
        Fixture f = new Fixture(db);
        f.statements.set(0);
        counter.set(0);
        f.counter = counter;
        return f;
    }

    static Fixture plain(Scratch s) {
        return new Fixture(s.db());
    }

    private AtomicInteger counter;
    /** The SQL text of the statements prepared on this thread's fixture, in order. */
    static final List<String> SQL = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** Statements prepared since the last reset. */
    int counted() {
        return counter.get();
    }

    void resetCount() {
        counter.set(0);
        SQL.clear();
    }

    private static Connection countingConnection(Connection c, AtomicInteger counter) {
        return (Connection) Proxy.newProxyInstance(Fixture.class.getClassLoader(), new Class<?>[]{Connection.class},
                (p, m, args) -> {
                    // The ORM's statements are all prepared; plain statements are the runtime's transaction control.
                    if (m.getName().equals("prepareStatement")) {
                        counter.incrementAndGet();
                        if (args != null && args.length > 0 && args[0] instanceof String sql) {
                            SQL.add(sql);
                        }
                    }
                    return invoke(m, c, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
