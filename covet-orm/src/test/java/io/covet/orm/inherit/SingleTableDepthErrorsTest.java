package io.covet.orm.inherit;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.covet.orm.inherit.InheritanceErrorsTest.compile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor accepts single-table subclasses of subclasses and keeps refusing, across the whole hierarchy, what
 * the shared table cannot hold: a redefined field or column of any ancestor, one discriminator value twice, one
 * column with two types.
 */
class SingleTableDepthErrorsTest {
    private static final String ITEM = """
            package app;
            import io.covet.orm.*;
            @Model(table = "item", inheritance = InheritanceType.SINGLE_TABLE)
            public class Item extends Entity {
                @PrimaryKey Long id;
                String title;
            }
            """;

    private static String model(String name, String parent, String model, String body) {
        return "package app;\nimport io.covet.orm.*;\n" + model + "\npublic class " + name + " extends " + parent
                + " {\n" + body + "\n}\n";
    }

    /** Item, Book (isbn) and whatever else is given. */
    private static List<String> compileWith(String... more) throws Exception {
        Map<String, String> sources = new HashMap<>(Map.of("Item", ITEM,
                "Book", model("Book", "Item", "@Model", "@Column(maxLength = 20) String isbn;")));
        for (int i = 0; i < more.length; i += 2) {
            sources.put(more[i], more[i + 1]);
        }
        return compile(sources);
    }

    @Test
    void aHierarchyThreeLevelsBelowTheRootCompiles() throws Exception {
        assertThat(compileWith(
                "Novel", model("Novel", "Book", "@Model(ordering = \"-title\")", "@Column(nullable = true) String genre;"),
                "Signed", model("Signed", "Novel", "@Model(discriminatorValue = \"signed\")", "String signer;"),
                "Film", model("Film", "Item", "@Model", "@Column(nullable = true) String genre; int minutes;")))
                .isEmpty();
    }

    @Test
    void aSubclassRedefiningAFieldOrColumnOfAnyAncestorIsRefused() throws Exception {
        List<String> errors = compileWith("Novel", model("Novel", "Book", "@Model", """
                    @Column(maxLength = 20) String isbn;
                    String title;
                    @Column(name = "kind") String sort;
                    @Column(name = "isbn") String code;
                    @PrimaryKey(auto = false) Long novelId;
                """));
        assertThat(errors).containsExactlyInAnyOrder(
                "single-table subclass Novel redefines field isbn of Book, which it extends: the shared table has it "
                        + "already; remove it from Novel or give it another name",
                "single-table subclass Novel redefines column isbn (field code) of Book, which it extends: the shared "
                        + "table has it already; remove it from Novel or give it another name",
                "single-table subclass Novel redefines field title of its root Item: the shared table has it already; "
                        + "remove it from Novel or give it another name",
                "single-table subclass Novel redefines column kind (field sort) of its root Item (the discriminator): "
                        + "the shared table has it already; remove it from Novel or give it another name",
                "single-table subclass Novel declares the primary key novelId: its key is its root's (Item); remove "
                        + "@PrimaryKey");
    }

    @Test
    void aDiscriminatorValueOrAColumnTypeClashingAcrossBranchesIsRefused() throws Exception {
        assertThat(compileWith(
                "Novel", model("Novel", "Book", "@Model(discriminatorValue = \"film\")", "int chapters;"),
                "Film", model("Film", "Item", "@Model", "int minutes;"))).containsExactly(
                "single-table models Film and Novel both have the discriminator value 'film' in the hierarchy of "
                        + "Item, so their rows could not be told apart: give one of them another "
                        + "@Model(discriminatorValue = ...)");
        assertThat(compileWith(
                "Novel", model("Novel", "Book", "@Model", "@Column(name = \"length\", maxLength = 10) String size;"),
                "Film", model("Film", "Item", "@Model", "@Column(name = \"length\") int minutes;"))).containsExactly(
                "single-table subclasses Film and Novel both map column length of table item, as INTEGER and "
                        + "STRING(10): a shared column has one type; give both fields the same type or one of them "
                        + "another column with @Column(name = ...)");
    }

    @Test
    void aDeeperSubclassKeepsTheRootsOptionsAndAnnotations() throws Exception {
        assertThat(compileWith("Novel", model("Novel", "Book", "@Model(table = \"novel\")", "int chapters;")))
                .containsExactly("single-table subclass Novel sets @Model(table): it shares the table of Item, so "
                        + "table belongs on Item");
        assertThat(compileWith("Novel", model("Novel", "Book", "@Model @SoftDelete",
                "@Column(nullable = true) java.time.Instant deletedAt;"))).containsExactly(
                "single-table subclass Novel is annotated @SoftDelete: its rows are in the table of Item, so declare "
                        + "@SoftDelete (and its fields) on the root Item, where it applies to every model of the "
                        + "hierarchy");
        assertThat(compileWith("Novel", model("Novel", "Book", "@Model @History", "int chapters;"))).containsExactly(
                "single-table inheritance (hierarchy of Item) with @History on Novel is not supported yet: remove "
                        + "@History, or use an @AbstractModel base for this hierarchy (each model its own table with "
                        + "its own history)");
    }

    @Test
    void proxiesBelowTheRootStayRefused() throws Exception {
        assertThat(compileWith("Novel", model("Novel", "Book", "@Model", "int chapters;"),
                "Pocket", model("Pocket", "Novel", "@Model(proxy = true)", ""))).containsExactly(
                "proxy model Pocket of the single-table subclass Novel is not supported yet: make it a proxy of the "
                        + "root Item whose manager's initial(...) filters on the discriminator, or a single-table "
                        + "subclass of its own");
        assertThat(compileWith("Thing", model("Thing", "Item", "@Model(proxy = true)", ""),
                "Novel", model("Novel", "Thing", "@Model", "int chapters;"))).containsExactly(
                "Novel extends Thing, a proxy model in the single-table hierarchy of Item: a proxy has no "
                        + "discriminator value for its rows; extend Item or one of its single-table subclasses");
    }
}
