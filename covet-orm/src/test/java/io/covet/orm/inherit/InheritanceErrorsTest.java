package io.covet.orm.inherit;

import io.covet.orm.ProcessorRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor refuses inheritance it cannot serve, with a compile error saying what to do instead. */
class InheritanceErrorsTest {
    private static final String PLACE = """
            package app;
            import io.covet.orm.*;
            @Model(table = "place")
            public class Place extends Entity {
                @PrimaryKey Long id;
                String name;
            }
            """;

    /** Runs the processor over sources in package {@code app} (class name → source); returns the error messages. */
    static List<String> compile(Map<String, String> sources) throws Exception {
        return ProcessorRun.errors(sources, Files.createTempDirectory("covet-inherit"));
    }

    @Test
    void aProxyDeclaringFieldsOrTableOptionsIsRefused() throws Exception {
        List<String> errors = compile(Map.of("Place", PLACE, "Shop", """
                package app;
                import io.covet.orm.*;
                @Model(proxy = true, table = "shop", indexes = @Index(fields = "name"))
                @History
                public class Shop extends Place {
                    String owner;
                    transient String scratch;
                    static final int MAX = 3;
                }
                """));
        assertThat(errors).containsExactlyInAnyOrder(
                "proxy model Shop sets @Model(table): a proxy shares the table of Place, so table belongs on Place",
                "proxy model Shop sets @Model(indexes): a proxy shares the table of Place, so indexes belongs on Place",
                "proxy model Shop is annotated @History: it shares the table of Place, whose @History applies to it; "
                        + "annotate Place instead",
                "proxy model Shop declares the field owner: a proxy shares the table of Place and adds no columns; "
                        + "move the field to Place, or mark it transient if it is not persistent");
    }

    @Test
    void aProxyMustExtendAModel() throws Exception {
        assertThat(compile(Map.of("Loose", """
                package app;
                import io.covet.orm.*;
                @Model(proxy = true)
                public class Loose extends Entity {
                }
                """))).containsExactly("Loose is @Model(proxy = true) but extends no @Model class: a proxy model "
                + "extends the concrete model whose table it shares (class Loose extends Parent)");
    }

    @Test
    void aProxyOfABrokenModelReportsOnlyTheModelsOwnProblem() throws Exception {
        List<String> errors = compile(Map.of("Bad", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Bad extends Entity {
                    @PrimaryKey Long id;
                    private String secret;
                }
                """, "BadProxy", """
                package app;
                import io.covet.orm.*;
                @Model(proxy = true)
                public class BadProxy extends Bad {
                }
                """));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("field Bad.secret is private");
    }

    @Test
    void aMultiTableChildRedefiningAParentFieldOrDeclaringAKeyIsRefused() throws Exception {
        List<String> errors = compile(Map.of("Place", PLACE, "Shop", """
                package app;
                import io.covet.orm.*;
                @Model(table = "shop")
                public class Shop extends Place {
                    @PrimaryKey Long shopId;
                    String name;
                    @Column(name = "place_ptr_id") Long link;
                    String owner;
                }
                """));
        assertThat(errors).containsExactlyInAnyOrder(
                "multi-table child Shop declares the primary key shopId: its key is its parent's (Place), stored in "
                        + "column place_ptr_id; remove @PrimaryKey",
                "multi-table child Shop redefines field name of its parent Place: the child's rows have the parent's "
                        + "fields already; remove it from Shop or give it another name",
                "multi-table child Shop has a field on column place_ptr_id, the link to its parent's row: rename it "
                        + "with @Column(name = ...)");
    }

    @Test
    void aGrandchildCompilesAndAChildOfAProxyOrAGrandchildUnderAnAnnotatedRootIsRefused() throws Exception {
        String shop = """
                package app;
                import io.covet.orm.*;
                @Model(table = "shop")
                public class Shop extends Place {
                    String owner;
                }
                """;
        String kiosk = """
                package app;
                import io.covet.orm.*;
                @Model(table = "kiosk")
                public class Kiosk extends Shop {
                    int windows;
                }
                """;
        assertThat(compile(Map.of("Place", PLACE, "Shop", shop, "Kiosk", kiosk))).isEmpty();
        // a grandchild redefining its grandparent's field or using its parent's link column
        assertThat(compile(Map.of("Place", PLACE, "Shop", shop, "Kiosk", """
                package app;
                import io.covet.orm.*;
                @Model(table = "kiosk")
                public class Kiosk extends Shop {
                    String name;
                    @Column(name = "shop_ptr_id") Long other;
                }
                """))).containsExactlyInAnyOrder(
                "multi-table child Kiosk redefines field name of its parent Shop: the child's rows have the parent's "
                        + "fields already; remove it from Kiosk or give it another name",
                "multi-table child Kiosk has a field on column shop_ptr_id, the link to its parent's row: rename it "
                        + "with @Column(name = ...)");
        // a child of a proxy has no table to link to
        assertThat(compile(Map.of("Place", PLACE, "Spot", """
                package app;
                import io.covet.orm.*;
                @Model(proxy = true)
                public class Spot extends Place {
                }
                """, "Stall", """
                package app;
                import io.covet.orm.*;
                @Model(table = "stall")
                public class Stall extends Spot {
                    int size;
                }
                """))).containsExactly("Stall extends the proxy model Spot: a proxy has no table of its own for a "
                + "multi-table child to link to; extend Spot's concrete model, or make Stall a proxy too with "
                + "@Model(proxy = true)");
    }

    @Test
    void softDeleteOrHistoryWithMultiTableInheritanceIsRefused() throws Exception {
        List<String> errors = compile(Map.of("Place", PLACE, "Shop", """
                package app;
                import io.covet.orm.*;
                @Model(table = "shop")
                @History
                public class Shop extends Place {
                    String owner;
                }
                """));
        assertThat(errors).containsExactly("multi-table inheritance (Shop extends Place) with @History on Shop is "
                + "not supported yet: a child's versions would span several tables; remove @History, or share the "
                + "fields through an @AbstractModel base instead (each model its own table with its own history)");
        // @SoftDelete belongs on the root, whose table holds the mark of every level's rows
        String softPlace = """
                package app;
                import io.covet.orm.*;
                @Model(table = "place")
                @SoftDelete
                public class Place extends Entity {
                    @PrimaryKey Long id;
                    String name;
                    @Column(nullable = true) java.time.Instant deletedAt;
                }
                """;
        String shop = """
                package app;
                import io.covet.orm.*;
                @Model(table = "shop")
                public class Shop extends Place {
                    String owner;
                }
                """;
        assertThat(compile(Map.of("Place", softPlace, "Shop", shop, "Kiosk", """
                package app;
                import io.covet.orm.*;
                @Model(table = "kiosk")
                public class Kiosk extends Shop {
                    int windows;
                }
                """))).isEmpty();
        assertThat(compile(Map.of("Place", PLACE, "Shop", """
                package app;
                import io.covet.orm.*;
                @Model(table = "shop")
                @SoftDelete
                public class Shop extends Place {
                    String owner;
                    @Column(nullable = true) java.time.Instant deletedAt;
                }
                """))).containsExactly("multi-table child Shop is annotated @SoftDelete: a child's rows are marked "
                + "in its root's table, so declare @SoftDelete (and its fields) on the root Place, where it applies "
                + "to every model of the hierarchy");
    }
}
