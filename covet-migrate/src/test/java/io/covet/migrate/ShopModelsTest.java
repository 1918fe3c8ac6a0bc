package io.covet.migrate;

import io.covet.core.Database;
import io.covet.examples.shop.Address;
import io.covet.examples.shop.Customer;
import io.covet.examples.shop.Shop;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The example shop's real models: makemigrations, migrate, then the ORM works on the migrated schema. */
class ShopModelsTest {

    @AllEngines
    void shopModelsMigrateAndTheOrmUsesTheResult(Scratch s,
            @TempDir java.nio.file.Path dir) throws Exception {
        Database db = s.db();
        Orm orm = Shop.orm(db);
        OrmSchemaSource models = OrmSchemaSource.of(orm);
        List<Migration> made = Autodetector.migrations(new MigrationGraph(List.of(), Set.of()), models,
                Questioner.nonInteractive(false));
        assertThat(made).extracting(m -> m.key().toString()).containsExactly("shop.0001_initial");
        made.forEach(m -> MigrationFiles.write(dir, m));
        Migrator m = Migrator.builder(db, MigrationFiles.load(dir)).build();
        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(Autodetector.migrations(new MigrationGraph(MigrationFiles.load(dir), Set.of()), models,
                Questioner.nonInteractive(false))).isEmpty();

        Customer c = orm.save(new Customer("ada@example.com", "Ada", "GB"));
        orm.save(new Address(c, "1 Main St", "London", "GB"));
        assertThat(db.sql("SELECT COUNT(*) FROM " + db.dialect().quote(models.schema().tableNames().stream()
                .filter(t -> t.contains("address")).findFirst().orElseThrow())).list(rs -> rs.getInt(1)))
                .containsExactly(1);
        m.migrate(Target.zero("shop"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
