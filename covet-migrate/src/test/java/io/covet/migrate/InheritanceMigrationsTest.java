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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations of inheriting models: a proxy model adds no table; a multi-table child adds its own table whose key
 * {@code <parent>_ptr_id} is a foreign key to the parent's; each step migrates and then matches the database (no
 * drift, no new migration) on every engine.
 */
class InheritanceMigrationsTest {
    private static final String APP = "venues";
    private final MigrationSteps steps = new MigrationSteps();

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

    private static final String PIZZERIA = """
            @Model(table = "pizzeria")
            public class Pizzeria extends Restaurant {
                int ovens;
                public Pizzeria() {
                }
            }
            """;

    static SchemaSource version(String v, String... classes) throws Exception {
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

    @AllEngines
    void aProxyAddsNoTableAndAChildAddsItsLinkedTable(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource v1 = version("v1", PLACE);
        steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);

        // a proxy: nothing to migrate
        SchemaSource v2 = version("v2", PLACE, PROXY);
        steps.cleanAgainstModels(db, v2);

        // a multi-table child: one new table, keyed by the link to the parent
        SchemaSource v3 = version("v3", PLACE, PROXY, RESTAURANT);
        steps.makemigrations(v3);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v3);
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
        steps.migrator(db).migrate(Target.zero(APP));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }

    @AllEngines
    void aGrandchildAddsItsTableLinkedToItsParentsLinkAndMigratesBackOneLevelAtATime(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource v1 = version("g1", PLACE, RESTAURANT);
        steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);

        SchemaSource v2 = version("g2", PLACE, RESTAURANT, PIZZERIA);
        steps.makemigrations(v2);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);
        Table pizzeria = MigratorTest.live(db).require("pizzeria");
        assertThat(pizzeria.columns()).extracting(c -> c.name()).containsExactlyInAnyOrder("restaurant_ptr_id", "ovens");
        assertThat(pizzeria.primaryKey()).containsExactly("restaurant_ptr_id");
        assertThat(pizzeria.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.refTable()).isEqualTo("restaurant");
            assertThat(fk.refColumns()).containsExactly("place_ptr_id");
        });

        // the three rows of one pizzeria satisfy the keys; a pizzeria row without its restaurant row does not
        db.sql("INSERT INTO place (name) VALUES ('Gino')").execute();
        long id = db.sql("SELECT id FROM place").list(rs -> rs.getLong(1)).get(0);
        db.sql("INSERT INTO restaurant (place_ptr_id, seats) VALUES (?, 20)", id).execute();
        db.sql("INSERT INTO pizzeria (restaurant_ptr_id, ovens) VALUES (?, 2)", id).execute();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                db.sql("INSERT INTO pizzeria (restaurant_ptr_id, ovens) VALUES (?, 1)", id + 1000).execute())
                .isInstanceOf(io.covet.core.error.DataAccessException.class);
        db.sql("DELETE FROM pizzeria").execute();
        db.sql("DELETE FROM restaurant").execute();

        // back to one level: the grandchild's table goes, its parent's stays
        steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);
        assertThat(MigratorTest.live(db).tables()).extracting(Table::name).contains("place", "restaurant")
                .doesNotContain("pizzeria");
    }
}
