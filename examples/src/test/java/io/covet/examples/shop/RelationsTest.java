package io.covet.examples.shop;

import io.covet.orm.LazyLoadException;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Orm;
import io.covet.test.CovetTest;
import io.covet.test.Statements;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Relations, eager and lazy loading; statement counts by {@link Statements}, one rolled-back transaction per test. */
@CovetTest(models = {Customer.class, Address.class, Tag.class, Product.class, Order.class, OrderLine.class,
        Payment.class})
class RelationsTest {

    @Test
    void selectRelatedLoadsForeignKeysInOneStatement(Orm orm) {
        Fixture f = Fixture.on(orm).withData();
        Statements.assertStatements(1, () -> {
            List<OrderLine> lines = f.orm.objects(OrderLine_.TYPE)
                    .selectRelated(OrderLine_.ORDER.then(Order_.CUSTOMER), OrderLine_.PRODUCT).list();
            assertThat(lines).hasSize(3);
            assertThat(lines).extracting(l -> l.order().get().customer().get().name())
                    .containsExactly("Ada", "Ada", "Alan");
            assertThat(lines).extracting(l -> l.product().get().sku()).containsExactly("book-1", "pen-1", "lamp-1");
        });
    }

    @Test
    void selectRelatedLeavesNullForeignKeysNull(Orm orm) {
        Fixture f = Fixture.on(orm).withData();
        Address home = f.orm.save(new Address(f.ada, "1 Main St", "London", "GB"));
        f.orm.save(f.adaFirst.shipTo(home));
        List<Order> orders = f.orm.objects(Order_.TYPE).selectRelated(Order_.SHIPPING_ADDRESS)
                .orderBy(Order_.ID).list();
        assertThat(orders.get(0).shippingAddress().peek().city()).isEqualTo("London");
        assertThat(orders.get(1).shippingAddress()).isNull();
    }

    @Test
    void prefetchRelatedRunsOneExtraStatementPerRelation(Orm orm) {
        Fixture f = Fixture.on(orm).withData();
        Statements.assertStatements(2, () -> {
            List<Customer> customers = f.orm.objects(Customer_.TYPE).prefetchRelated(Customer_.ORDERS).list();
            assertThat(customers).extracting(c -> c.orders().all().size()).containsExactly(2, 1, 0);
            assertThat(customers.get(0).orders().all().get(0).customer().get()).isSameAs(customers.get(0));
        });

        Statements.assertStatements(2, () -> {
            List<Product> products = f.orm.objects(Product_.TYPE).prefetchRelated(Product_.TAGS).list();
            assertThat(products).extracting(p -> p.tags().all().stream().map(Tag::name).toList())
                    .containsExactly(List.of("paper"), List.of(), List.of("office", "paper"));
        });

        Statements.assertStatements(4, () -> { // customers, orders, lines, products
            List<Customer> nested = f.orm.objects(Customer_.TYPE)
                    .prefetchRelated(Customer_.ORDERS.then(Order_.LINES).then(OrderLine_.PRODUCT)).list();
            assertThat(nested.get(0).orders().all()).flatExtracting(o -> o.lines().all())
                    .extracting(l -> l.product().get().sku()).containsExactlyInAnyOrder("book-1", "pen-1");
        });

        // a forward step already loaded by selectRelated costs no statement: orders+customers, then addresses
        f.orm.save(new Address(f.ada, "1 Main St", "London", "GB"));
        Statements.assertStatements(2, () -> {
            List<Order> orders = f.orm.objects(Order_.TYPE).selectRelated(Order_.CUSTOMER)
                    .prefetchRelated(Order_.CUSTOMER.then(Customer_.ADDRESSES)).orderBy(Order_.ID).list();
            assertThat(orders).allMatch(o -> o.customer().peek().addresses().prefetched());
            assertThat(orders).extracting(o -> o.customer().peek().addresses().all().size()).containsExactly(1, 1, 0);
        });
    }

    @Test
    void lazyLoadsQueryOnceAndFailClearlyOutsideAnOpenOrm(Orm orm) {
        // an Orm of its own, since this test closes it
        Fixture f = Fixture.on(Shop.orm(orm.database())).withData();
        Order o = f.orm.objects(Order_.TYPE).get((Object) f.alanOrder.id());
        assertThat(o.customer().loaded()).isFalse();
        Statements.assertStatements(1, () -> {
            assertThat(o.customer().get().name()).isEqualTo("Alan");
            assertThat(o.customer().get().name()).isEqualTo("Alan");
        });
        assertThat(f.ada.orders().all()).hasSize(2);

        Order other = f.orm.objects(Order_.TYPE).get((Object) f.adaFirst.id());
        f.orm.close();
        assertThatThrownBy(() -> other.customer().get()).isInstanceOf(LazyLoadException.class)
                .hasMessageContaining("Order.customer").hasMessageContaining("selectRelated");
        assertThatThrownBy(() -> other.lines().all()).isInstanceOf(LazyLoadException.class)
                .hasMessageContaining("prefetchRelated");
    }

    @Test
    void manyToManyAddRemoveClearAndOneToOne(Orm orm) {
        Fixture f = Fixture.on(orm).withData();
        f.lamp.tags().add(f.office, f.paper);
        f.lamp.tags().add(f.office); // already linked: skipped
        assertThat(f.lamp.tags().all()).extracting(Tag::name).containsExactly("office", "paper");
        f.lamp.tags().remove(f.paper);
        assertThat(f.lamp.tags().query().valuesFlat(Tag_.NAME)).containsExactly("office");
        f.lamp.tags().clear();
        assertThat(f.lamp.tags().all()).isEmpty();

        Payment p = f.orm.save(new Payment(f.adaFirst, f.adaFirst.total(), PaymentMethod.CARD, f.adaFirst.placedAt()));
        Payment read = f.orm.objects(Payment_.TYPE).selectRelated(Payment_.ORDER)
                .filter(Payment_.ORDER, o -> o.id.eq(f.adaFirst.id())).get();
        assertThat(read).isEqualTo(p);
        assertThat(read.order().peek().total()).isEqualByComparingTo("25.00");
        assertThatThrownBy(() -> f.orm.objects(Customer_.TYPE).selectRelated(Customer_.ORDERS))
                .isInstanceOf(OrmUsageException.class).hasMessageContaining("prefetchRelated");
    }
}
