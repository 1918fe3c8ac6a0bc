package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.error.UniqueViolation;
import io.covet.examples.shop.Product;
import io.covet.examples.shop.Product_;
import io.covet.examples.shop.Shop;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example shop's shipped migrations, soft-deleted products included, on each engine. */
class ShopSoftDeleteTest {

    @AllEngines
    void theShippedMigrationsLetADiscontinuedProductsSkuBeReused(Scratch s) {
        Database db = s.db();
        Migrator m = Migrator.builder(db, MigrationFiles.load(Path.of("../examples/src/main/resources/db/migrations")))
                .build();
        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();

        Orm orm = Shop.orm(db);
        Product pen = orm.save(new Product("pen-1", "Pen", new BigDecimal("1.20"), 100));
        orm.delete(pen);
        assertThat(pen.deletedAt()).isNotNull();
        orm.save(new Product("pen-1", "New pen", new BigDecimal("1.50"), 10));
        assertThatThrownBy(() -> orm.save(new Product("pen-1", "Pen again", new BigDecimal("1"), 1)))
                .isInstanceOf(UniqueViolation.class);
        assertThat(orm.objects(Product_.TYPE).get(Product_.SKU.eq("pen-1")).name()).isEqualTo("New pen");
        assertThat(orm.objects(Product_.TYPE).allObjects().count()).isEqualTo(2);
        // back down: the plain unique constraint returns, so the discontinued duplicate has to go first
        assertThat(orm.objects(Product_.TYPE).deletedOnly().purge()).isEqualTo(1);
        m.migrate(Target.zero("shop"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
