package io.covet.orm;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor refuses models the generated code could not serve, with a compile error saying what to do. */
class ProcessorErrorsTest {

    private static List<String> compile(String className, String source) throws Exception {
        return compile(Map.of(className, source));
    }

    /** Runs the processor over sources in package {@code app} (class name → source); returns the error messages. */
    private static List<String> compile(Map<String, String> sources) throws Exception {
        return compile(sources, Files.createTempDirectory("covet-processor"));
    }

    private static List<String> compile(Map<String, String> sources, Path out) {
        return ProcessorRun.errors(sources, out);
    }

    @Test
    void generatedKeysDefaultsAndEmptyExpressionsAreCompileErrors() throws Exception {
        List<String> errors = compile("Gen", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Gen extends Entity {
                    @PrimaryKey @Generated(expression = "1") Long id;
                    int qty;
                    @Generated(expression = "qty * 2") @Column(defaultValue = "0") Integer doubled;
                    @Generated(expression = " ") Integer blank;
                    @Generated(expression = "qty + 1", stored = false) Integer fine;
                }
                """);
        assertThat(errors).containsExactlyInAnyOrder(
                "Gen.id is a primary key and @Generated; a key is written, not computed: remove one",
                "Gen.doubled is @Generated and declares a default; the database computes its value, so remove the "
                        + "default",
                "Gen.blank has an empty @Generated expression; write the SQL that computes it, e.g. "
                        + "@Generated(expression = \"qty * unit_price\")");
        assertThat(compile("GenRec", """
                package app;
                import io.covet.orm.*;
                @Model
                public record GenRec(@PrimaryKey Long id, int qty, @Generated(expression = "qty * 2") Integer doubled) {
                }
                """)).containsExactly("GenRec.doubled is @Generated on a record model; a record cannot take the "
                + "computed value back after a write: make the model an Entity class");
    }

    @Test
    void privateFieldsUnsupportedTypesAndMissingBaseClassAreCompileErrors() throws Exception {
        List<String> errors = compile("Bad", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Bad extends Entity {
                    @PrimaryKey Long id;
                    private String secret;
                    java.util.Date when;
                    @PrimaryKey(auto = true) String code;
                }
                """);
        assertThat(errors).containsExactlyInAnyOrder(
                "field Bad.secret is private: the generated Bad_ reads and assigns persistent fields directly (no "
                        + "reflection), so make it package-private, add a non-private getter and setter, or mark it "
                        + "transient if it is not persistent",
                "field Bad.when has type java.util.Date, which has no column mapping; supported: Integer, Long, Short, "
                        + "BigDecimal, Double, Float, Boolean, String, UUID, LocalDate, LocalTime, LocalDateTime, "
                        + "Instant, OffsetDateTime, Duration, enums, JsonNode (or any type with @Column(type = JSON)), byte[], "
                        + "InetAddress, List<E> (a PostgreSQL array), Ref<Model>; mark it transient if it is not persistent",
                "auto primary key Bad.code must be Long, Integer or Short; for another type use @PrimaryKey(auto = "
                        + "false) and assign it yourself");

        assertThat(compile("Plain", """
                package app;
                @io.covet.orm.Model
                public class Plain {
                    Long id;
                }
                """)).containsExactly("Plain is annotated @Model but does not extend io.covet.orm.Entity");
    }

    @Test
    void aValidModelGeneratesItsMetamodel() throws Exception {
        assertThat(compile("Fine", """
                package app;
                import io.covet.orm.*;
                @Model(table = "fine")
                public class Fine extends Entity {
                    @PrimaryKey Long id;
                    @Column(maxLength = 10) String name;
                }
                """)).isEmpty();
    }

    @Test
    void compositeKeysAreCheckedAtCompileTime() throws Exception {
        assertThat(compile(Map.of(
                "Both", """
                        package app;
                        import io.covet.orm.*;
                        @Model(primaryKey = {"a", "b"})
                        public class Both extends Entity {
                            @PrimaryKey Long id;
                            Integer a;
                            Integer b;
                        }
                        """,
                "One", """
                        package app;
                        import io.covet.orm.*;
                        @Model(primaryKey = "a")
                        public class One extends Entity {
                            Integer a;
                        }
                        """,
                "Typo", """
                        package app;
                        import io.covet.orm.*;
                        @Model(primaryKey = {"a", "nope", "a"})
                        public class Typo extends Entity {
                            Integer a;
                            @Column(nullable = true) Integer b;
                        }
                        """,
                "Optional", """
                        package app;
                        import io.covet.orm.*;
                        @Model(primaryKey = {"a", "b"})
                        public class Optional extends Entity {
                            Integer a;
                            @Column(nullable = true) Integer b;
                        }
                        """,
                "Pair", """
                        package app;
                        import io.covet.orm.*;
                        @Model(primaryKey = {"x", "y"})
                        public class Pair extends Entity {
                            Integer x;
                            String y;
                        }
                        """,
                "Pointer", """
                        package app;
                        import io.covet.orm.*;
                        @Model
                        public class Pointer extends Entity {
                            @PrimaryKey Long id;
                            @ForeignKey(onDelete = OnDelete.CASCADE) Ref<Pair> pair;
                        }
                        """))).containsExactlyInAnyOrder(
                "Both has both @Model(primaryKey = [a, b]) and the @PrimaryKey field id: a model has either one "
                        + "@PrimaryKey field or a composite key, so remove one",
                "One: @Model(primaryKey = [a]) names one field; a composite primary key needs at least two: for one "
                        + "field use @PrimaryKey(auto = false) on it",
                "Typo: @Model(primaryKey) names 'nope', which is not a persistent field; fields: [a, b]",
                "Typo: @Model(primaryKey) names field a twice",
                "Optional.b is in the composite primary key, so it cannot be nullable",
                "foreign key Pointer.pair points at Pair, which has a composite primary key [x, y]; a foreign key "
                        + "needs a target with one @PrimaryKey field: give Pair one and declare the composite key's "
                        + "fields in uniqueTogether");
    }

    @Test
    void aCompositeKeyOfForeignKeysCompiles() throws Exception {
        assertThat(compile(Map.of(
                "Song", """
                        package app;
                        import io.covet.orm.*;
                        @Model
                        public class Song extends Entity {
                            @PrimaryKey Long id;
                        }
                        """,
                "Entry", """
                        package app;
                        import io.covet.orm.*;
                        @Model(primaryKey = {"song", "position"})
                        public class Entry extends Entity {
                            int position;
                            @ForeignKey(onDelete = OnDelete.CASCADE, constraint = "entry_song") Ref<Song> song;
                        }
                        """))).isEmpty();
    }

    @Test
    void recordModelsHoldPlainFieldsOnly() throws Exception {
        assertThat(compile(Map.of(
                "Owner", """
                        package app;
                        import io.covet.orm.*;
                        @Model
                        public class Owner extends Entity {
                            @PrimaryKey Long id;
                        }
                        """,
                "Pet", """
                        package app;
                        import io.covet.orm.*;
                        @Model
                        public record Pet(@PrimaryKey Long id, String name,
                                          @ForeignKey(onDelete = OnDelete.CASCADE) Ref<Owner> owner) {
                        }
                        """))).containsExactly("record model Pet declares the relation owner: record models hold "
                + "plain fields only; use a class extending Entity for relations");
    }

    @Test
    void oneToOneConstraintNamesReachTheGeneratedMetadata(@org.junit.jupiter.api.io.TempDir Path out)
            throws Exception {
        assertThat(compile(Map.of(
                "Order", """
                        package app;
                        import io.covet.orm.*;
                        @Model(table = "orders")
                        public class Order extends Entity {
                            @PrimaryKey Long id;
                        }
                        """,
                "Receipt", """
                        package app;
                        import io.covet.orm.*;
                        @Model
                        public class Receipt extends Entity {
                            @PrimaryKey Long id;
                            @OneToOne(onDelete = OnDelete.CASCADE, constraint = "receipt_order_fkey") Ref<Order> order;
                        }
                        """), out)).isEmpty();
        assertThat(Files.readString(out.resolve("app/Receipt_.java"))).contains("new io.covet.orm.spi.ForeignKeyMeta("
                + "\"app.Order\", io.covet.orm.OnDelete.CASCADE, true, \"receipt_order_fkey\", "
                + "io.covet.orm.DbOnDelete.DEFAULT)");
    }

    @Test
    void aDatabaseDeleteRuleNeedsDoNothingAndSetNullANullableRelation(@org.junit.jupiter.api.io.TempDir Path out)
            throws Exception {
        String order = """
                package app;
                import io.covet.orm.*;
                @Model(table = "orders")
                public class Order extends Entity {
                    @PrimaryKey Long id;
                }
                """;
        assertThat(compile(Map.of("Order", order, "Line", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Line extends Entity {
                    @PrimaryKey Long id;
                    @ForeignKey(onDelete = OnDelete.CASCADE, dbOnDelete = DbOnDelete.CASCADE) Ref<Order> order;
                    @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete = DbOnDelete.SET_NULL) Ref<Order> other;
                }
                """))).containsExactlyInAnyOrder(
                "foreign key Line.order declares the database rule dbOnDelete = CASCADE and onDelete = CASCADE, so "
                        + "both Covet and the database would act on a delete: use onDelete = OnDelete.DO_NOTHING with "
                        + "a database rule",
                "foreign key Line.other declares dbOnDelete = SET_NULL but is not nullable: add nullable = true");
        assertThat(compile(Map.of("Order", order, "Line", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Line extends Entity {
                    @PrimaryKey @Column(nativeType = "int unsigned") Long id;
                    @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete = DbOnDelete.SET_NULL, nullable = true)
                    @Column(nativeType = "bigint unsigned") Ref<Order> order;
                }
                """), out)).isEmpty();
        assertThat(Files.readString(out.resolve("app/Line_.java")))
                .contains("io.covet.orm.FieldType.BIG_AUTO")
                .contains("io.covet.orm.DbOnDelete.SET_NULL), \"bigint unsigned\")")
                .contains("null, \"int unsigned\")");
    }

    @Test
    void listFieldsAreArraysOfScalarElementsOrJson() throws Exception {
        Path out = Files.createTempDirectory("covet-processor");
        assertThat(compile(Map.of("Post", """
                package app;
                import io.covet.orm.*;
                import java.util.List;
                @Model
                public class Post extends Entity {
                    @PrimaryKey Long id;
                    List<Integer> scores;
                    @Column(maxLength = 20) List<String> codes;
                    @Column(precision = 8, scale = 2) List<java.math.BigDecimal> prices;
                    @Column(type = FieldType.JSON) List<java.time.LocalDate> days;
                    List<java.time.LocalDate> dates;
                    List<java.time.Instant> instants;
                    List<java.time.OffsetDateTime> moments;
                    List<java.time.LocalDateTime> stamps;
                    List<java.time.LocalTime> times;
                    @Column(nativeType = "char(3)") List<String> fixed;
                }
                """), out)).isEmpty();
        assertThat(Files.readString(out.resolve("app/Post_.java")))
                .contains("scores = arrayColumn(\"scores\", \"int4\");")
                .contains("codes = arrayColumn(\"codes\", \"varchar\");")
                .contains("io.covet.orm.FieldType.ARRAY, \"java.lang.Integer\"")
                .contains("io.covet.orm.FieldType.ARRAY, \"java.lang.String\", false, false, false, false, 20, 0, 0")
                .contains("io.covet.orm.FieldType.ARRAY, \"java.math.BigDecimal\", false, false, false, false, 0, 8, 2")
                .contains("getList(rs, c + 1, java.lang.Integer.class, \"field Post.scores (column post.scores)\")")
                .contains("dates = arrayColumn(\"dates\", \"date\");")
                .contains("instants = arrayColumn(\"instants\", \"timestamptz\");")
                .contains("moments = arrayColumn(\"moments\", \"timestamptz\");")
                .contains("stamps = arrayColumn(\"stamps\", \"timestamp\");")
                .contains("times = arrayColumn(\"times\", \"time\");")
                .contains("fixed = arrayColumn(\"fixed\", \"bpchar\");")
                .contains("io.covet.orm.FieldType.ARRAY, \"java.time.Instant\"")
                .contains("io.covet.orm.FieldType.JSON");

        assertThat(compile("Bad", """
                package app;
                import io.covet.orm.*;
                import java.util.List;
                @Model
                public class Bad extends Entity {
                    @PrimaryKey Long id;
                    List<java.time.Duration> spans;
                    @Column(type = FieldType.TEXT) List<String> text;
                    @Column(nativeType = "varchar(3)") List<String> bounded;
                    @Column(nativeType = "char(3)") List<Integer> numbers;
                }
                """)).containsExactlyInAnyOrder(
                "field Bad.spans has type java.util.List<java.time.Duration>; an array field is a List of String, "
                        + "Integer, Long, Short, BigDecimal, Double, Float, Boolean, UUID, LocalDate, LocalDateTime, "
                        + "Instant, OffsetDateTime or LocalTime (a PostgreSQL array); for other lists use "
                        + "@Column(type = FieldType.JSON)",
                "array field Bad.bounded declares nativeType = \"varchar(3)\"; an array field takes only char(n), on a "
                        + "List<String> (a character(n)[] column); the element type follows from the List's type "
                        + "argument otherwise",
                "array field Bad.numbers declares nativeType = \"char(3)\"; an array field takes only char(n), on a "
                        + "List<String> (a character(n)[] column); the element type follows from the List's type "
                        + "argument otherwise",
                "field Bad.text of type java.util.List<java.lang.String> cannot be stored as TEXT; a List is an array "
                        + "(FieldType.ARRAY, PostgreSQL) or a JSON document (@Column(type = FieldType.JSON))");
    }

    @Test
    void enumTypesNeedAnEnumFieldAndAPlainNameAndCarryTheConstantsAsLabels() throws Exception {
        Path out = Files.createTempDirectory("covet-processor");
        assertThat(compile(Map.of("Diary", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Diary extends Entity {
                    public enum Mood { sad, ok, happy }
                    @PrimaryKey Long id;
                    @Column(enumType = "mood") Mood mood;
                    @Column(enumType = "mood", nullable = true) Mood other;
                }
                """), out)).isEmpty();
        assertThat(Files.readString(out.resolve("app/Diary_.java")))
                .contains("null, \"mood\", java.util.List.of(\"sad\", \"ok\", \"happy\"))")
                .contains("mood = nativeColumn(\"mood\", app.Diary.Mood.class);");

        assertThat(compile("Bad", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Bad extends Entity {
                    public enum Mood { sad, ok }
                    @PrimaryKey Long id;
                    @Column(enumType = "mood") String text;
                    @Column(enumType = "mood", type = FieldType.ENUM_INT) Mood number;
                    @Column(enumType = "bad name") Mood spaced;
                    @Column(enumType = "mood", nativeType = "mood") Mood both;
                }
                """)).containsExactlyInAnyOrder(
                "Bad.text declares enumType = \"mood\" but is not an enum stored by name; a database enum type holds "
                        + "the constants of a Java enum: declare the field as that enum",
                "Bad.number declares enumType = \"mood\" but is not an enum stored by name; a database enum type "
                        + "holds the constants of a Java enum: declare the field as that enum",
                "Bad.spaced declares enumType = \"bad name\"; a type name is letters, digits and underscores starting "
                        + "with a letter, e.g. mood",
                "Bad.both declares both enumType and nativeType; keep one (enumType: Covet creates the type from the "
                        + "Java enum)");
    }

    @Test
    void historyExcludingAnUnknownFieldOrTheKeyOrOnAReadOnlyModelIsACompileError() throws Exception {
        List<String> errors = compile("Ledger", """
                package app;
                import io.covet.orm.*;
                @Model
                @History(exclude = {"nope", "id"})
                public class Ledger extends Entity {
                    @PrimaryKey Long id;
                    String name;
                    public Ledger() {}
                }
                """);
        assertThat(errors).containsExactlyInAnyOrder(
                "@History(exclude) of Ledger names nope, which is not a persistent field of the model; name Java fields",
                "@History(exclude) of Ledger names its primary key id, which every history version needs");
        assertThat(compile("View", """
                package app;
                import io.covet.orm.*;
                @Model(readOnly = true)
                @History
                public class View extends Entity {
                    @PrimaryKey Long id;
                    public View() {}
                }
                """)).containsExactly("View is @Model(readOnly = true) and @History: a model the ORM does not write "
                + "has no changes of its own to track; remove one of them");
    }
}
