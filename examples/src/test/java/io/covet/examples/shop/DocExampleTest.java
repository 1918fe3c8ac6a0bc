package io.covet.examples.shop;

import io.covet.orm.Orm;
import io.covet.sql.Functions;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The example of docs/orm.md, run as written on each engine. */
class DocExampleTest {

    @AllEngines
    void theGuideExampleRuns(Scratch s) {
        Orm orm = Shop.orm(s.db());
        orm.createTables();

        Customer ada = orm.save(new Customer("ada@example.com", "Ada", "GB"));
        Product book = orm.save(new Product("book-1", "Book", new BigDecimal("12.50"), 10));
        Order order = orm.save(new Order(ada, Instant.now()).total(new BigDecimal("25.00")));
        orm.save(new OrderLine(order, book, 2));

        List<Order> gb = orm.objects(Order_.TYPE)
                .filter(Order_.CUSTOMER, c -> c.country.eq("GB"))
                .selectRelated(Order_.CUSTOMER)
                .prefetchRelated(Order_.LINES)
                .list();
        BigDecimal revenue = orm.objects(Order_.TYPE).aggregate(Functions.sum(Order_.TOTAL));

        assertThat(gb).containsExactly(order);
        assertThat(gb.get(0).customer().peek().name()).isEqualTo("Ada");
        assertThat(gb.get(0).lines().prefetched()).isTrue();
        assertThat(gb.get(0).lines().all()).extracting(OrderLine::quantity).containsExactly(2);
        assertThat(revenue).isEqualByComparingTo("25.00");
    }
}
