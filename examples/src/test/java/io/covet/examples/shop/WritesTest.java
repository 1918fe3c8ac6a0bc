package io.covet.examples.shop;

import io.covet.orm.Orm;
import io.covet.test.CovetTest;
import io.covet.test.Statements;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Saves and bulk writes, counted with {@link Statements}; one rolled-back transaction per test and engine. */
@CovetTest(models = {Customer.class, Address.class, Tag.class, Product.class, Order.class, OrderLine.class,
        Payment.class})
class WritesTest {
    @Test
    void saveInsertsThenUpdatesOnlyChangedFields(Orm orm) {
        Customer c = new Customer("ada@example.com", "Ada", "GB");
        assertThat(c.persisted()).isFalse();
        orm.save(c);
        assertThat(c.persisted()).isTrue();
        assertThat(c.id()).isNotNull();
        Statements.assertStatements(0, () -> orm.save(c)); // nothing changed: no statement
        Statements.Captured update = Statements.assertStatements(1, () -> orm.save(c.name("Ada Lovelace")));
        assertThat(update.sql().get(0)).startsWith("UPDATE").contains("name").doesNotContain("email")
                .doesNotContain("country");
        Customer read = orm.objects(Customer_.TYPE).get((Object) c.id());
        assertThat(read.name()).isEqualTo("Ada Lovelace");
        assertThat(read.email()).isEqualTo("ada@example.com");
        assertThat(read).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(new Customer("x@example.com", "X", "GB")).isNotEqualTo(new Customer("x@example.com", "X", "GB"));
    }

    @Test
    void bulkCreateLoadAndUpdate(Orm orm) {
        Fixture f = Fixture.on(orm);
        List<Product> many = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            many.add(new Product("p-" + i, "Product " + i, new BigDecimal(i).movePointLeft(2), i));
        }
        // 500 + 500 + 200 rows, keys returned
        Statements.assertStatements(3, () -> f.orm.objects(Product_.TYPE).bulkCreate(many));
        assertThat(many).allMatch(Product::persisted).extracting(Product::id).doesNotContainNull()
                .doesNotHaveDuplicates();
        Product p700 = f.orm.objects(Product_.TYPE).get(Product_.SKU.eq("p-700"));
        assertThat(p700.id()).isEqualTo(many.get(700).id());

        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tags.add(new Tag("t" + i));
        }
        assertThat(f.orm.objects(Tag_.TYPE).bulkLoad(tags)).isEqualTo(50); // COPY on PostgreSQL
        assertThat(f.orm.objects(Tag_.TYPE).count()).isEqualTo(50);

        List<Product> first = many.subList(0, 10);
        first.forEach(p -> p.stock(5000));
        assertThat(f.orm.objects(Product_.TYPE).bulkUpdate(first, "stock")).isEqualTo(10);
        assertThat(f.orm.objects(Product_.TYPE).filter(Product_.STOCK.eq(5000)).count()).isEqualTo(10);
    }
}
