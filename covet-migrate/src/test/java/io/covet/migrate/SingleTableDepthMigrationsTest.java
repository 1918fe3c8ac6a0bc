package io.covet.migrate;

import io.covet.core.Database;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static io.covet.migrate.InheritanceMigrationsTest.version;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations of a single-table subclass of a subclass (Item → Book → EBook): adding it adds its own fields as
 * nullable columns of the root's table, removing it drops them and keeps Book's; each step migrates and then matches
 * the database (no drift, no new migration) on every engine.
 */
class SingleTableDepthMigrationsTest {
    private final MigrationSteps steps = new MigrationSteps();

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
            @Model(discriminatorValue = "book")
            public class Book extends Item {
                int pages;
                public Book() {
                }
            }
            """;
    private static final String EBOOK = """
            @Model(discriminatorValue = "ebook", indexes = @Index(fields = {"url"}))
            public class EBook extends Book {
                @Column(maxLength = 80) String url;
                @Column(nullable = true) Integer sizeKb;
                public EBook() {
                }
            }
            """;

    private static List<String> columns(Database db) {
        return MigratorTest.live(db).require("item").columns().stream().map(c -> c.name()).toList();
    }

    @AllEngines
    void theRootsTableGainsAndLosesTheColumnsOfASubclassOfASubclass(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource v1 = version("stid_v1", ROOT, BOOK);
        steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);
        assertThat(columns(db)).containsExactlyInAnyOrder("id", "title", "kind", "pages");
        db.sql("INSERT INTO item (title, kind, pages) VALUES ('Dune', 'book', 412)").execute();

        // the grandchild: its own columns join item, nullable, with its index; sqlmigrate shows them
        SchemaSource v2 = version("stid_v2", ROOT, BOOK, EBOOK);
        Migration m2 = steps.makemigrations(v2);
        String preview = String.join("\n", SqlPreview.sql(steps.graph(), m2.key(), db.dialect(), false));
        assertThat(preview).contains("url").contains("size_kb").doesNotContain("CREATE TABLE");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);
        Schema live = MigratorTest.live(db);
        assertThat(live.tables()).extracting(Table::name).containsExactly("item");
        assertThat(columns(db)).containsExactlyInAnyOrder("id", "title", "kind", "pages", "url", "size_kb");
        assertThat(live.require("item").columns()).filteredOn(c -> List.of("url", "size_kb").contains(c.name()))
                .allMatch(c -> c.nullable());
        assertThat(live.require("item").indexes()).extracting(i -> i.columns()).contains(List.of("url"));
        db.sql("INSERT INTO item (title, kind, pages, url) VALUES ('Emma', 'ebook', 300, 'http://e')").execute();

        // the grandchild removed: its columns go, Book's stay, the rows stay
        SchemaSource v3 = version("stid_v3", ROOT, BOOK);
        Migration m3 = steps.makemigrations(v3);
        assertThat(String.join("\n", SqlPreview.sql(steps.graph(), m3.key(), db.dialect(), false)))
                .contains("-- Remove field url from item", "-- Remove field size_kb from item")
                .doesNotContain("Remove field pages");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v3);
        assertThat(columns(db)).containsExactlyInAnyOrder("id", "title", "kind", "pages");
        assertThat(db.sql("SELECT pages FROM item ORDER BY id").list(rs -> rs.getInt(1))).containsExactly(412, 300);

        steps.migrator(db).migrate(Target.zero("venues"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
