package io.covet.examples.shop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.covet.core.error.ForeignKeyViolation;
import io.covet.core.error.UniqueViolation;
import io.covet.orm.Entity;
import io.covet.orm.Orm;
import io.covet.orm.PersistenceHook;
import io.covet.orm.ProtectedError;
import io.covet.orm.QuerySet;
import io.covet.orm.Signal;
import io.covet.orm.ValidationException;
import io.covet.orm.spi.ModelType;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceTest {

    @AllEngines
    void fullCleanReportsEveryProblemAndWritesNothing(Scratch s) {
        Fixture f = Fixture.plain(s);
        Customer bad = new Customer("not-an-email", "x".repeat(101), "gb");
        assertThatThrownBy(() -> f.orm.save(bad)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors()).containsOnlyKeys("email", "name", "country");
            assertThat(e.errors().get("email")).containsExactly("enter a valid e-mail address");
            assertThat(e.errors().get("name")).containsExactly("ensure this value has at most 100 characters (it "
                    + "has 101)");
            assertThat(e.errors().get("country")).containsExactly("use a two-letter upper-case country code");
        });
        Product p = new Product("not a slug!", "P", new BigDecimal("123456789.123"), 1);
        assertThatThrownBy(() -> f.orm.save(p)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors().get("sku")).containsExactly("enter a valid slug: letters, digits, underscores or "
                    + "hyphens");
            assertThat(e.errors().get("price")).containsExactly("ensure there are at most 2 decimal places",
                    "ensure there are at most 8 digits before the decimal point");
        });
        Customer noName = new Customer("ok@example.com", null, "GB");
        assertThatThrownBy(() -> f.orm.fullClean(noName)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("name: this field cannot be null");
        assertThat(f.orm.objects(Customer_.TYPE).count()).isZero();
        assertThat(f.orm.objects(Product_.TYPE).count()).isZero();
        // the database still guards what validation cannot see: a duplicate unique value
        f.orm.save(new Customer("dup@example.com", "A", "GB"));
        assertThatThrownBy(() -> f.orm.save(new Customer("dup@example.com", "B", "GB")))
                .isInstanceOf(UniqueViolation.class);
        assertThat(f.orm.objects(Customer_.TYPE).valuesFlat(Customer_.NAME)).containsExactly("A");
    }

    @AllEngines
    void deleteAppliesOnDeleteRules(Scratch s) {
        Fixture f = Fixture.plain(s).withData();
        Address home = f.orm.save(new Address(f.ada, "1 Main St", "London", "GB"));
        f.orm.save(new Address(f.grace, "2 Side St", "Boston", "US"));
        f.orm.save(f.adaFirst.shipTo(home));
        f.orm.save(new Payment(f.adaFirst, f.adaFirst.total(), PaymentMethod.CARD, Instant.now()));

        // PROTECT: Ada has orders; nothing is deleted (not even her CASCADE address)
        assertThatThrownBy(() -> f.orm.delete(f.ada)).isInstanceOf(ProtectedError.class)
                .hasMessageContaining("Order.customer (on_delete=PROTECT)").hasMessageContaining("Nothing was deleted");
        assertThat(f.orm.objects(Customer_.TYPE).count()).isEqualTo(3);
        assertThat(f.orm.objects(Address_.TYPE).count()).isEqualTo(2);

        // CASCADE: Grace's address goes with her
        assertThat(f.orm.delete(f.grace)).isEqualTo(2);
        assertThat(f.orm.objects(Address_.TYPE).valuesFlat(Address_.CITY)).containsExactly("London");
        assertThat(f.grace.persisted()).isFalse();

        // SET_NULL: deleting the address unsets the order's shipping address
        f.orm.delete(home);
        assertThat(f.orm.refresh(f.adaFirst).shippingAddress()).isNull();

        // CASCADE through a reverse FK and a one-to-one: the order's lines and payment go with it
        assertThat(f.orm.delete(f.adaFirst)).isEqualTo(3);
        assertThat(f.orm.objects(OrderLine_.TYPE).count()).isEqualTo(2);
        assertThat(f.orm.objects(Payment_.TYPE).count()).isZero();

        // Product is @SoftDelete: deleting discontinues the pen, and its order lines keep pointing at it
        assertThat(f.orm.delete(f.pen)).isEqualTo(1);
        assertThat(f.orm.objects(Product_.TYPE).count()).isEqualTo(2);
        assertThat(f.orm.objects(OrderLine_.TYPE).count()).isEqualTo(2);
        // RESTRICT is the database's: purging the product on a line fails, and nothing changes
        assertThatThrownBy(() -> f.orm.purge(f.pen)).isInstanceOf(ForeignKeyViolation.class);
        assertThat(f.orm.objects(Product_.TYPE).allObjects().count()).isEqualTo(3);
        assertThat(f.pen.tags().all()).hasSize(2);
    }

    @AllEngines
    void signalsAndHooksSeeEveryWrite(Scratch s) {
        List<String> events = new ArrayList<>();
        List<String> hooks = new ArrayList<>();
        Orm orm = Orm.builder().database(s.db()).models(Shop.models().toArray(ModelType[]::new))
                .on(Signal.PRE_SAVE, Customer.class, (c, created, db) -> events.add("pre_save " + c.name() + " "
                        + created))
                .on(Signal.POST_SAVE, Customer.class, (c, created, db) -> events.add("post_save " + c.name() + " "
                        + created + " " + (c.id() != null)))
                .on(Signal.PRE_DELETE, Entity.class, (e, created, db) -> events.add("pre_delete "
                        + e.getClass().getSimpleName()))
                .on(Signal.POST_DELETE, Address.class, (a, created, db) -> events.add("post_delete " + a.city()))
                .hook(new PersistenceHook() {
                    @Override
                    public boolean interceptDelete(Entity instance, io.covet.core.Database db) {
                        hooks.add("delete " + instance);
                        return false;
                    }

                    @Override
                    public void afterUpdate(Entity instance, java.util.Set<String> changed,
                                            io.covet.core.Database db) {
                        hooks.add("update " + changed);
                    }
                })
                .build();
        orm.createTables();
        Customer c = orm.save(new Customer("ada@example.com", "Ada", "GB"));
        orm.save(c.name("Ada L"));
        orm.save(new Address(c, "1 Main St", "London", "GB"));
        orm.delete(c);
        assertThat(events).containsExactly("pre_save Ada true", "post_save Ada true true", "pre_save Ada L false",
                "post_save Ada L false true", "pre_delete Address", "pre_delete Customer", "post_delete London");
        assertThat(hooks).containsExactly("update [name]", "delete Address#1", "delete Customer#1");

        events.clear();
        orm.objects(Customer_.TYPE).bulkCreate(List.of(new Customer("a@example.com", "A", "GB"),
                new Customer("b@example.com", "B", "GB")));
        assertThat(events).containsExactly("pre_save A true", "pre_save B true", "post_save A true true",
                "post_save B true true");
    }

    @AllEngines
    void refreshGetOrCreateUpdateOrCreate(Scratch s) {
        Fixture f = Fixture.plain(s).withData();
        f.orm.objects(Product_.TYPE).filter(Product_.SKU.eq("pen-1")).update(Product_.STOCK.set(7));
        f.pen.price(new BigDecimal("9.99"));
        f.orm.refresh(f.pen);
        assertThat(f.pen.stock()).isEqualTo(7);
        assertThat(f.pen.price()).isEqualByComparingTo("1.20");

        QuerySet<Tag> tags = f.orm.objects(Tag_.TYPE);
        QuerySet.GetOrCreate<Tag> got = tags.getOrCreate(Tag_.NAME.eq("paper"), () -> new Tag("paper"));
        assertThat(got.created()).isFalse();
        assertThat(got.instance()).isEqualTo(f.paper);
        QuerySet.GetOrCreate<Tag> made = tags.getOrCreate(Tag_.NAME.eq("sale"), () -> new Tag("sale"));
        assertThat(made.created()).isTrue();
        assertThat(tags.count()).isEqualTo(3);

        QuerySet<Product> products = f.orm.objects(Product_.TYPE);
        QuerySet.GetOrCreate<Product> updated = products.updateOrCreate(Product_.SKU.eq("book-1"),
                p -> p.stock(1), () -> new Product("book-1", "Book", BigDecimal.ONE, 1));
        assertThat(updated.created()).isFalse();
        assertThat(products.get(Product_.SKU.eq("book-1")).stock()).isEqualTo(1);
        QuerySet.GetOrCreate<Product> created = products.updateOrCreate(Product_.SKU.eq("cup-1"),
                p -> p.stock(1), () -> new Product("cup-1", "Cup", new BigDecimal("4.00"), 3)
                        .attributes(JsonNodeFactory.instance.objectNode().put("colour", "blue")));
        assertThat(created.created()).isTrue();
        assertThat(products.get(Product_.SKU.eq("cup-1")).attributes().get("colour").asText()).isEqualTo("blue");
    }

    @AllEngines
    void usingRoutesQueriesAndSavesToANamedDatabase(Scratch s) throws Exception {
        try (Scratch other = Scratch.on(s.engine())) {
            Orm orm = Orm.builder().database("default", s.db()).database("analytics", other.db())
                    .models(Shop.models().toArray(ModelType[]::new)).build();
            orm.createTables();
            orm.createTables("analytics");
            orm.save(new Tag("main"));
            Tag remote = orm.save(new Tag("remote"), "analytics");
            assertThat(remote.database()).isEqualTo("analytics");
            orm.save(remote); // stays on its database
            assertThat(orm.objects(Tag_.TYPE).valuesFlat(Tag_.NAME)).containsExactly("main");
            assertThat(orm.objects(Tag_.TYPE).using("analytics").valuesFlat(Tag_.NAME)).containsExactly("remote");
            assertThatThrownBy(() -> orm.objects(Tag_.TYPE).using("nope").count())
                    .hasMessageContaining("no database named 'nope'");
        }
    }
}
