package io.covet.examples.shop;

import io.covet.orm.DoesNotExist;
import io.covet.orm.MultipleObjectsReturned;
import io.covet.orm.QuerySet;
import io.covet.sql.Functions;
import io.covet.sql.Windows;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuerySetTest {

    @AllEngines
    void filtersExcludesOrdersAndSlices(Scratch s) {
        Fixture f = Fixture.plain(s).withData();
        QuerySet<Customer> customers = f.orm.objects(Customer_.TYPE);
        assertThat(Fixture.names(customers.list())).containsExactly("Ada", "Alan", "Grace"); // default ordering
        assertThat(Fixture.names(customers.filter(Customer_.COUNTRY.eq("GB")).list())).containsExactly("Ada", "Alan");
        assertThat(Fixture.names(customers.exclude(Customer_.COUNTRY.eq("GB")).list())).containsExactly("Grace");
        assertThat(Fixture.names(customers.filter(Customer_.EMAIL.endsWith("@example.com")
                .and(Customer_.NAME.startsWith("G").not())).list())).containsExactly("Ada");
        assertThat(Fixture.names(customers.filter(Customer_.COUNTRY.eq("US").or(Customer_.NAME.eq("Alan")))
                .orderBy(Customer_.NAME.desc()).list())).containsExactly("Grace", "Alan");
        assertThat(Fixture.names(customers.slice(1, 3).list())).containsExactly("Alan", "Grace");
        assertThat(Fixture.names(customers.offset(2).list())).containsExactly("Grace");
        assertThat(customers.count()).isEqualTo(3);
        assertThat(customers.limit(2).count()).isEqualTo(2);
        assertThat(customers.filter(Customer_.COUNTRY.eq("NO")).exists()).isFalse();
        assertThat(customers.filter(Customer_.COUNTRY.eq("US")).exists()).isTrue();
        assertThat(customers.first().orElseThrow().name()).isEqualTo("Ada");
        assertThat(customers.last().orElseThrow().name()).isEqualTo("Grace");
        assertThat(customers.filter(Customer_.COUNTRY.eq("NO")).first()).isEmpty();
        // immutability: the base query set is unchanged by chaining
        assertThat(customers.count()).isEqualTo(3);
        assertThat(f.orm.objects(Order_.TYPE).valuesFlat(Order_.CUSTOMER_ID).stream().distinct().count())
                .isEqualTo(2);
        assertThat(f.orm.objects(Customer_.TYPE).distinct().valuesFlat(Customer_.COUNTRY))
                .containsExactlyInAnyOrder("GB", "US");
    }

    @AllEngines
    void getRaisesDoesNotExistAndMultipleObjectsReturned(Scratch s) {
        Fixture f = Fixture.plain(s).withData();
        QuerySet<Customer> customers = f.orm.objects(Customer_.TYPE);
        assertThat(customers.get(Customer_.EMAIL.eq("ada@example.com"))).isEqualTo(f.ada);
        assertThat(customers.get((Object) f.alan.id())).isEqualTo(f.alan);
        assertThatThrownBy(() -> customers.get(Customer_.EMAIL.eq("nobody@example.com")))
                .isInstanceOf(DoesNotExist.class).hasMessageContaining("Customer matching query does not exist");
        assertThatThrownBy(() -> customers.get(Customer_.COUNTRY.eq("GB")))
                .isInstanceOf(MultipleObjectsReturned.class).hasMessageContaining("more than one Customer");
        Map<Object, Customer> bulk = customers.inBulk(List.of(f.ada.id(), f.grace.id(), -1L));
        assertThat(bulk).containsOnlyKeys(f.ada.id(), f.grace.id());
        assertThat(bulk.get(f.grace.id()).name()).isEqualTo("Grace");
    }

    @AllEngines
    void lookupsAcrossRelationsAndFieldReferences(Scratch s) {
        Fixture f = Fixture.plain(s).withData();
        QuerySet<Order> orders = f.orm.objects(Order_.TYPE);
        // forward: JOIN
        assertThat(orders.filter(Order_.CUSTOMER, c -> c.name.eq("Ada")).count()).isEqualTo(2);
        // nested forward through two foreign keys
        QuerySet<OrderLine> lines = f.orm.objects(OrderLine_.TYPE);
        assertThat(lines.filter(OrderLine_.ORDER.then(Order_.CUSTOMER), c -> c.country.eq("GB")).count())
                .isEqualTo(3);
        // reverse and many-to-many: IN (subquery), rows never repeat
        QuerySet<Customer> customers = f.orm.objects(Customer_.TYPE);
        assertThat(Fixture.names(customers.filter(Customer_.ORDERS, o -> o.total.gt(new BigDecimal("1.00")))
                .list())).containsExactly("Ada", "Alan");
        assertThat(Fixture.names(customers.exclude(Customer_.ORDERS, o -> o.id.isNotNull()).list()))
                .containsExactly("Grace");
        QuerySet<Product> products = f.orm.objects(Product_.TYPE);
        assertThat(products.filter(Product_.TAGS, t -> t.name.eq("paper")).valuesFlat(Product_.SKU))
                .containsExactly("book-1", "pen-1");
        // F-style: compare two columns of the row
        f.orm.save(f.lamp.stock(45));
        assertThat(products.filter(Product_.PRICE.lt(Product_.STOCK.cast(BigDecimal.class))).valuesFlat(Product_.SKU))
                .containsExactly("lamp-1", "pen-1");
    }

    @AllEngines
    void aggregatesAnnotationsGroupByAndWindows(Scratch s) {
        Fixture f = Fixture.plain(s).withData();
        QuerySet<Order> orders = f.orm.objects(Order_.TYPE);
        assertThat(orders.aggregate(Functions.count())).isEqualTo(3L);
        assertThat(orders.aggregate(Functions.sum(Order_.TOTAL))).isEqualByComparingTo("56.20");
        assertThat(orders.aggregate(Functions.max(Order_.TOTAL))).isEqualByComparingTo("30.00");
        assertThat(orders.aggregate(Functions.min(Order_.PLACED_AT))).isEqualTo(f.adaFirst.placedAt());
        assertThat(orders.aggregate(Functions.avg(Order_.TOTAL))).isNotNull();
        List<Map<String, Object>> perCustomer = orders.groupBy(Order_.CUSTOMER_ID)
                .having(Functions.count().gt(1L))
                .orderBy(Order_.CUSTOMER_ID)
                .values(Order_.CUSTOMER_ID, Functions.count().as("n"), Functions.sum(Order_.TOTAL).as("total"));
        assertThat(perCustomer).hasSize(1);
        assertThat(perCustomer.get(0)).containsEntry("customer_id", f.ada.id()).containsEntry("n", 2L);
        assertThat((BigDecimal) perCustomer.get(0).get("total")).isEqualByComparingTo("26.20");

        List<Customer> withCounts = f.orm.objects(Customer_.TYPE)
                .annotate("orders", Customer_.ORDERS, o -> Functions.count(o.id)).list();
        assertThat(withCounts).extracting(c -> c.annotation("orders")).containsExactly(2L, 1L, 0L);
        List<Customer> busy = f.orm.objects(Customer_.TYPE)
                .annotate("orders", Customer_.ORDERS, o -> Functions.count(o.id))
                .having(Functions.count(Customer_.ORDERS.table().id).ge(1L)).list();
        assertThat(Fixture.names(busy)).containsExactly("Ada", "Alan");

        List<Product> ranked = f.orm.objects(Product_.TYPE)
                .annotate("rank", Windows.rank().over(Windows.orderBy(Product_.PRICE.desc())))
                .orderBy(Product_.PRICE.desc()).list();
        assertThat(ranked).extracting(p -> p.annotation("rank")).containsExactly(1L, 2L, 3L);
        assertThat(ranked).extracting(Product::sku).containsExactly("lamp-1", "book-1", "pen-1");
    }

    @AllEngines
    void bulkUpdateDeleteAndStreaming(Scratch s) {
        Fixture f = Fixture.plain(s).withData();
        QuerySet<Product> products = f.orm.objects(Product_.TYPE);
        assertThat(products.filter(Product_.STOCK.lt(50)).update(Product_.STOCK.set(Product_.STOCK.plus(5))))
                .isEqualTo(2);
        assertThat(products.valuesFlat(Product_.STOCK)).containsExactly(15, 5, 100); // book, lamp, pen by sku
        try (var stream = products.orderBy(Product_.SKU).stream()) {
            assertThat(stream.map(Product::sku).toList()).containsExactly("book-1", "lamp-1", "pen-1");
        }
        // updates through a join and through a reverse relation (keys read first: MariaDB error 1093)
        QuerySet<Order> orders = f.orm.objects(Order_.TYPE);
        assertThat(orders.filter(Order_.CUSTOMER, c -> c.name.eq("Ada")).update(Order_.NOTE.set("vip"))).isEqualTo(2);
        assertThat(f.orm.objects(Customer_.TYPE).filter(Customer_.ORDERS, o -> o.note.eq("vip"))
                .update(Customer_.TIER.set(Tier.GOLD))).isEqualTo(1);
        assertThat(f.orm.objects(Customer_.TYPE).filter(Customer_.TIER.eq(Tier.GOLD)).valuesFlat(Customer_.NAME))
                .containsExactly("Ada");
        assertThat(f.orm.objects(Tag_.TYPE).filter(Tag_.NAME.eq("office")).delete()).isEqualTo(1);
        assertThat(f.orm.objects(Tag_.TYPE).valuesFlat(Tag_.NAME)).containsExactly("paper");
        assertThat(f.pen.tags().all()).extracting(Tag::name).containsExactly("paper");
    }
}
