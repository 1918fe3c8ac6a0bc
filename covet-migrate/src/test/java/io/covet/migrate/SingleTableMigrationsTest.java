package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static io.covet.migrate.InheritanceMigrationsTest.version;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations of a single-table hierarchy: a plain model becoming a root gains the indexed discriminator (its rows
 * the root's), adding a subclass adds its own fields as nullable columns of the root's table, removing one removes
 * them; each step migrates and then matches the database (no drift, no new migration) on every engine.
 */
class SingleTableMigrationsTest {
    private final MigrationSteps steps = new MigrationSteps();

    private static final String PLAIN = """
            @Model(table = "item")
            public class Item extends Entity {
                @PrimaryKey Long id;
                @Column(maxLength = 40) String title;
                public Item() {
                }
            }
            """;
    private static final String ROOT = """
            @Model(table = "item", inheritance = InheritanceType.SINGLE_TABLE, discriminator = "kind")
            public class Item extends Entity {
                @PrimaryKey Long id;
                @Column(maxLength = 40) String title;
                public Item() {
                }
            }
            """;
    private static final String BOOK = """
            @Model(discriminatorValue = "book", indexes = @Index(fields = {"pages"}))
            public class Book extends Item {
                int pages;
                @Column(maxLength = 20) String isbn;
                public Book() {
                }
            }
            """;
    private static final String FILM = """
            @Model
            public class Film extends Item {
                Integer minutes;
                public Film() {
                }
            }
            """;

    private static List<String> columns(Database db) {
        return MigratorTest.live(db).require("item").columns().stream().map(c -> c.name()).toList();
    }

    @AllEngines
    void theRootsTableGainsAndLosesTheColumnsOfItsSubclasses(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource v1 = version("sti_v1", PLAIN);
        steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        db.sql("INSERT INTO item (title) VALUES ('Lamp')").execute();

        // the plain model becomes a root: a NOT NULL discriminator whose default makes the existing rows Items
        SchemaSource v2 = version("sti_v2", ROOT);
        Migration m2 = steps.makemigrations(v2);
        String preview = String.join("\n", SqlPreview.sql(steps.graph(), m2.key(), db.dialect(), false));
        String q = s.engine().family() == Engine.MARIADB ? "`" : "\"";
        assertThat(preview).contains("kind").contains("'item'")
                .contains("CREATE INDEX " + q + "item_kind_idx" + q + " ON " + q + "item" + q);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);
        assertThat(db.sql("SELECT kind FROM item").list(rs -> rs.getString(1))).containsExactly("item");

        // a subclass: its fields become nullable columns of item, with its index; no table of its own
        SchemaSource v3 = version("sti_v3", ROOT, BOOK);
        steps.makemigrations(v3);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v3);
        Schema live = MigratorTest.live(db);
        assertThat(live.tables()).extracting(Table::name).containsExactly("item");
        assertThat(columns(db)).containsExactlyInAnyOrder("id", "title", "kind", "pages", "isbn");
        assertThat(live.require("item").columns()).filteredOn(c -> List.of("pages", "isbn").contains(c.name()))
                .allMatch(c -> c.nullable());
        assertThat(live.require("item").indexes()).extracting(i -> i.columns()).contains(List.of("pages"));
        db.sql("INSERT INTO item (title, kind) VALUES ('Stool', 'item')").execute();   // a non-book row: no pages
        db.sql("INSERT INTO item (title, kind, pages, isbn) VALUES ('Dune', 'book', 412, '1')").execute();

        // inspectdb leaves inheritance out: one model for the shared table, the discriminator a plain field
        List<InspectDb.ModelSource> inspected = InspectDb.generate(live, s.engine(), "legacy.sti");
        assertThat(inspected).singleElement().satisfies(m -> {
            assertThat(m.className()).isEqualTo("Item");
            assertThat(m.source()).contains("String kind;").contains("Integer pages;").doesNotContain("inheritance");
        });

        // another subclass added and the first removed: its columns go, the new ones come
        SchemaSource v4 = version("sti_v4", ROOT, FILM);
        steps.makemigrations(v4);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v4);
        assertThat(columns(db)).containsExactlyInAnyOrder("id", "title", "kind", "minutes");
        assertThat(db.sql("SELECT COUNT(*) FROM item").list(rs -> rs.getLong(1)).get(0)).isEqualTo(3L);

        steps.migrator(db).migrate(Target.zero("venues"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
