package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.orm.spi.ModelMeta;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations of inheriting models: a proxy model adds no table; a multi-table child adds its own table whose key
 * {@code <parent>_ptr_id} is a foreign key to the parent's; each step migrates and then matches the database (no
 * drift, no new migration) on every engine.
 */
class InheritanceMigrationsTest {
    private static final String APP = "venues";
    private final List<Migration> migrations = new ArrayList<>();

    private static final String PLACE = """
            @Model(table = "place")
            public class Place extends Entity {
                @PrimaryKey Long id;
                @Column(maxLength = 40) String name;
                public Place() {
                }
            }
            """;
    private static final String RESTAURANT = """
            @Model(table = "restaurant", indexes = @Index(fields = {"seats"}))
            public class Restaurant extends Place {
                int seats;
                @Column(unique = true, maxLength = 20, nullable = true) String code;
                public Restaurant() {
                }
            }
            """;
    private static final String PROXY = """
            @Model(proxy = true, ordering = "-name")
            public class Venue extends Place {
                public Venue() {
                }
            }
            """;

    private static SchemaSource version(String v, String... classes) throws Exception {
        String pkg = "inherit." + v;
        List<ModelSource> sources = new ArrayList<>();
        for (String c : classes) {
            String name = c.substring(c.indexOf("class ") + 6, c.indexOf(" extends"));
            sources.add(new ModelSource(name.toLowerCase(), name, "package " + pkg + ";\n\nimport io.covet.orm.*;\n\n"
                    + c, List.of()));
        }
        List<ModelMeta> metas = InspectDbTest.compile(sources, pkg);
        return OrmSchemaSource.of(metas, m -> APP);
    }

    private Migration makemigrations(SchemaSource v) {
        List<Migration> made = Autodetector.migrations(new MigrationGraph(migrations, Set.of()), v,
                Questioner.nonInteractive(true));
        assertThat(made).hasSize(1);
        Migration m = MigrationFiles.parse(MigrationFiles.toJson(made.get(0)), made.get(0).name());
        migrations.add(m);
        return m;
    }

    private Migrator migrator(Database db) {
        return Migrator.builder(db, migrations).build();
    }

    /** The database matches the migrations and the models, and makemigrations finds nothing to do. */
    private void clean(Database db, SchemaSource v) {
        assertThat(Drift.differences(db, migrator(db))).isEmpty();
        assertThat(Drift.differences(db, v, Migrator.DEFAULT_HISTORY_TABLE)).isEmpty();
        assertThat(Autodetector.migrations(new MigrationGraph(migrations, Set.of()), v,
                Questioner.nonInteractive(true))).isEmpty();
    }

    @AllEngines
    void aProxyAddsNoTableAndAChildAddsItsLinkedTable(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource v1 = version("v1", PLACE);
        makemigrations(v1);
        migrator(db).migrate(Target.latest());
        clean(db, v1);

        // a proxy: nothing to migrate
        SchemaSource v2 = version("v2", PLACE, PROXY);
        clean(db, v2);

        // a multi-table child: one new table, keyed by the link to the parent
        SchemaSource v3 = version("v3", PLACE, PROXY, RESTAURANT);
        makemigrations(v3);
        migrator(db).migrate(Target.latest());
        clean(db, v3);
        Schema live = MigratorTest.live(db);
        assertThat(live.tables()).extracting(Table::name).contains("place", "restaurant").doesNotContain("venue");
        Table restaurant = live.require("restaurant");
        assertThat(restaurant.columns()).extracting(c -> c.name())
                .containsExactlyInAnyOrder("place_ptr_id", "seats", "code");
        assertThat(restaurant.primaryKey()).containsExactly("place_ptr_id");
        assertThat(restaurant.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.columns()).containsExactly("place_ptr_id");
            assertThat(fk.refTable()).isEqualTo("place");
            assertThat(fk.refColumns()).containsExactly("id");
        });

        // rows written the way the ORM writes them satisfy the schema; and all the way down again
        db.sql("INSERT INTO place (name) VALUES ('Alma')").execute();
        long id = db.sql("SELECT id FROM place").list(rs -> rs.getLong(1)).get(0);
        db.sql("INSERT INTO restaurant (place_ptr_id, seats) VALUES (?, 20)", id).execute();
        db.sql("DELETE FROM restaurant").execute();
        migrator(db).migrate(Target.zero(APP));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
