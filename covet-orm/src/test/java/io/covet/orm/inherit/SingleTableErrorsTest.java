package io.covet.orm.inherit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.covet.orm.inherit.InheritanceErrorsTest.compile;
import static org.assertj.core.api.Assertions.assertThat;

/** The processor refuses single-table hierarchies it cannot serve, with a compile error saying what to do. */
class SingleTableErrorsTest {
    private static final String ITEM = """
            package app;
            import io.covet.orm.*;
            @Model(table = "item", inheritance = InheritanceType.SINGLE_TABLE)
            public class Item extends Entity {
                @PrimaryKey Long id;
                String title;
            }
            """;

    private static String sub(String name, String model, String body) {
        return "package app;\nimport io.covet.orm.*;\n" + model + "\npublic class " + name + " extends Item {\n" + body
                + "\n}\n";
    }

    @Test
    void aHierarchyWithSharedColumnsOfOneTypeCompiles() throws Exception {
        assertThat(compile(Map.of("Item", ITEM,
                "Book", sub("Book", "@Model(discriminatorValue = \"b\")", "@Column(nullable = true) String code;"),
                "Film", sub("Film", "@Model", "@Column(nullable = true) String code; int minutes;")))).isEmpty();
    }

    @Test
    void aSubclassRedefiningARootFieldColumnOrKeyIsRefused() throws Exception {
        List<String> errors = compile(Map.of("Item", ITEM, "Book", sub("Book", "@Model", """
                    @PrimaryKey(auto = false) Long bookId;
                    String title;
                    @Column(name = "kind") String sort;
                """)));
        assertThat(errors).containsExactlyInAnyOrder(
                "single-table subclass Book declares the primary key bookId: its key is its root's (Item); remove "
                        + "@PrimaryKey",
                "single-table subclass Book redefines field title of its root Item: the shared table has it already; "
                        + "remove it from Book or give it another name",
                "single-table subclass Book redefines column kind (field sort) of its root Item (the discriminator): "
                        + "the shared table has it already; remove it from Book or give it another name");
    }

    @Test
    void twoSubclassesMappingOneColumnWithDifferentTypesAreRefused() throws Exception {
        List<String> errors = compile(Map.of("Item", ITEM,
                "Book", sub("Book", "@Model", "@Column(name = \"length\", nullable = true) Integer pages;"),
                "Film", sub("Film", "@Model", "@Column(name = \"length\", maxLength = 10) String runtime;")));
        assertThat(errors).containsExactly("single-table subclasses Book and Film both map column length of table "
                + "item, as INTEGER and STRING(10): a shared column has one type; give both fields the same type or "
                + "one of them another column with @Column(name = ...)");
    }

    @Test
    void aDuplicateDiscriminatorValueIsRefused() throws Exception {
        List<String> errors = compile(Map.of("Item", ITEM,
                "Book", sub("Book", "@Model(discriminatorValue = \"item\")", "int pages;"),
                "Film", sub("Film", "@Model(discriminatorValue = \"" + "x".repeat(51) + "\")", "int minutes;")));
        assertThat(errors).containsExactlyInAnyOrder(
                "single-table models Book and Item both have the discriminator value 'item' in the hierarchy of "
                        + "Item, so their rows could not be told apart: give one of them another "
                        + "@Model(discriminatorValue = ...)",
                "the discriminator value '" + "x".repeat(51) + "' of Film is longer than 50 characters (the "
                        + "discriminator column's length): choose a shorter @Model(discriminatorValue = ...)");
    }

    @Test
    void aProxyOfASubclassIsRefusedAndAProxyOfTheRootCompiles() throws Exception {
        String book = sub("Book", "@Model", "int pages;");
        assertThat(compile(Map.of("Item", ITEM, "Book", book, "Novel", """
                package app;
                import io.covet.orm.*;
                @Model(proxy = true)
                public class Novel extends Book {
                }
                """))).containsExactly("proxy model Novel of the single-table subclass Book is not supported yet: "
                + "make it a proxy of the root Item whose manager's initial(...) filters on the discriminator, or a "
                + "single-table subclass of its own");
        assertThat(compile(Map.of("Item", ITEM, "Book", book, "Thing", """
                package app;
                import io.covet.orm.*;
                @Model(proxy = true, ordering = "-title")
                public class Thing extends Item {
                }
                """))).isEmpty();
    }

    @Test
    void historyOrSoftDeleteInASingleTableHierarchyIsRefused() throws Exception {
        List<String> errors = compile(Map.of("Item", """
                package app;
                import io.covet.orm.*;
                @Model(table = "item", inheritance = InheritanceType.SINGLE_TABLE)
                @History
                public class Item extends Entity {
                    @PrimaryKey Long id;
                    String title;
                }
                """, "Book", sub("Book", "@Model @SoftDelete",
                "@Column(nullable = true) java.time.Instant deletedAt;")));
        assertThat(errors).contains(
                "single-table inheritance (hierarchy of Item) with @History on Item is not supported yet: remove "
                        + "@History, or use an @AbstractModel base for this hierarchy (each model its own table with "
                        + "its own history)");
        assertThat(compile(Map.of("Item", ITEM, "Book", sub("Book", "@Model @SoftDelete",
                "@Column(nullable = true) java.time.Instant deletedAt;")))).containsExactly(
                "single-table subclass Book is annotated @SoftDelete: its rows are in the table of Item, so declare "
                        + "@SoftDelete (and its fields) on the root Item, where it applies to every model of the "
                        + "hierarchy");
        // on the root it compiles, and the subclasses inherit it
        assertThat(compile(Map.of("Item", """
                package app;
                import io.covet.orm.*;
                @Model(table = "item", inheritance = InheritanceType.SINGLE_TABLE)
                @SoftDelete
                public class Item extends Entity {
                    @PrimaryKey Long id;
                    String title;
                    @Column(nullable = true) java.time.Instant deletedAt;
                }
                """, "Book", sub("Book", "@Model", "int pages;")))).isEmpty();
    }

    @Test
    void theRootOwnsTheTableTheDiscriminatorAndTheTopOfTheHierarchy() throws Exception {
        assertThat(compile(Map.of("Item", ITEM, "Book", sub("Book",
                "@Model(table = \"book\", discriminator = \"type\")", "int pages;")))).containsExactlyInAnyOrder(
                "single-table subclass Book sets @Model(table): it shares the table of Item, so table belongs on Item",
                "single-table subclass Book sets @Model(discriminator): it shares the table of Item, so discriminator "
                        + "belongs on Item");
        assertThat(compile(Map.of("Item", ITEM, "Book", sub("Book", "@Model", "int pages;"), "Novel", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Novel extends Book {
                    String genre;
                }
                """))).isEmpty(); // a subclass of a subclass: SingleTableDepthErrorsTest
        assertThat(compile(Map.of("Item", """
                package app;
                import io.covet.orm.*;
                @Model(inheritance = InheritanceType.SINGLE_TABLE, discriminator = "kind")
                public class Item extends Entity {
                    @PrimaryKey Long id;
                    @Column(maxLength = 10) String kind;
                }
                """))).containsExactly("single-table root Item has the field kind on its discriminator column kind, "
                + "which the ORM writes itself: remove the field (the metamodel has the column as Item_.KIND) or name "
                + "another column with @Model(discriminator = ...)");
        assertThat(compile(Map.of("Place", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Place extends Entity {
                    @PrimaryKey Long id;
                }
                """, "Shop", """
                package app;
                import io.covet.orm.*;
                @Model(inheritance = InheritanceType.SINGLE_TABLE)
                public class Shop extends Place {
                    String owner;
                }
                """))).containsExactly("Shop declares inheritance = SINGLE_TABLE but extends the model Place: a "
                + "single-table root is the top of its hierarchy; extend Entity or an @AbstractModel base");
    }
}
