package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.orm.spi.ModelMeta;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Datasets;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * inspectdb on a real third-party schema (Chinook) on every engine: the generated sources compile with the
 * annotation processor, and the models they define describe the database exactly — the schema comparison used by
 * {@code makemigrations --check --against-database} finds no difference, and the autodetector, starting from the
 * live schema, proposes no operation.
 */
class InspectDbTest {

    @AllEngines
    void chinookRoundTripsThroughGeneratedModels(Scratch s) throws Exception {
        try (Database db = Datasets.loadChinook(s)) {
            Schema live = Introspector.read(db);
            List<ModelSource> models = InspectDb.generate(live, db.engine(), "legacy.chinook");
            assertThat(models).hasSize(11).allSatisfy(m -> assertThat(m.source()).isNotNull());
            assertThat(models).allSatisfy(m -> assertThat(m.notes()).isEmpty());

            List<ModelMeta> metas = compile(models, "legacy.chinook");
            assertThat(metas).hasSize(11);
            SchemaSource source = OrmSchemaSource.of(metas, m -> "chinook");

            assertThat(Drift.differences(db, source, "covet_migrations")).isEmpty();
            Map<String, String> owners = new TreeMap<>();
            live.tableNames().forEach(t -> owners.put(t, "chinook"));
            assertThat(Autodetector.operations(new ProjectState(live, owners), source,
                    Questioner.nonInteractive(false))).isEmpty();

            String track = models.stream().filter(m -> m.table().equalsIgnoreCase("track")).findFirst().orElseThrow()
                    .source();
            boolean pg = s.engine() == Engine.POSTGRESQL;
            assertThat(track).contains("public class Track extends Entity")
                    .contains("@ForeignKey(onDelete = OnDelete.DO_NOTHING, nullable = true, column = "
                            + (pg ? "\"album_id\"" : "\"AlbumId\"") + ", constraint = ")
                    .contains("Ref<Album> album;")
                    .contains("BigDecimal unitPrice;");
            String playlistTrack = models.stream().filter(m -> m.className().equals("PlaylistTrack")).findFirst()
                    .orElseThrow().source();
            assertThat(playlistTrack).contains("primaryKey = {\"playlist\", \"track\"}");
        }
    }

    @AllEngines
    void everyPortableTypeRoundTrips(Scratch s) throws Exception {
        Database db = s.db();
        List<Column> cols = new ArrayList<>(List.of(Column.autoIncrement("id", ColumnType.of(ColumnType.Kind.BIGINT))));
        for (ColumnType.Kind k : ColumnType.Kind.values()) {
            ColumnType type = switch (k) {
                case CHAR, RAW -> null;
                case VARCHAR -> ColumnType.varchar(40);
                case DECIMAL -> ColumnType.decimal(12, 3);
                case ENUM -> ColumnType.enumType("every_mood", List.of("a_b", "c"));
                // arrays are PostgreSQL's alone (refused elsewhere: ArrayMigrationsTest)
                case ARRAY -> s.engine().family() == io.covet.core.engine.Engine.POSTGRESQL
                        ? ColumnType.array(ColumnType.varchar(12)) : null;
                default -> ColumnType.of(k);
            };
            if (type != null) {
                cols.add(Column.nullable("c_" + k.name().toLowerCase(java.util.Locale.ROOT), type));
            }
        }
        cols.add(Column.of("n", ColumnType.of(ColumnType.Kind.INTEGER)).withDefault(io.covet.schema.ColumnDefault.value("7")));
        Table t = new Table("every_type", cols, List.of("id"), List.of(new io.covet.schema.UniqueConstraint(
                "every_type_n_uniq", List.of("n"))), List.of(new io.covet.schema.CheckConstraint("every_type_n_check",
                "n > 0")), List.of(io.covet.schema.Index.of("every_type_varchar_idx", List.of("c_varchar")),
                new io.covet.schema.Index("every_type_date_uidx", List.of("c_date", "c_time"), true, null)), List.of());
        io.covet.schema.SchemaDdl ddl = io.covet.schema.SchemaDdl.of(db.dialect());
        List<String> statements = new ArrayList<>(ddl.createEnumType(ColumnType.enumType("every_mood",
                List.of("a_b", "c"))));
        statements.addAll(ddl.createTable(t));
        for (String sql : statements) {
            db.sql(sql).execute();
        }
        Schema live = Introspector.read(db);
        List<ModelSource> models = InspectDb.generate(live, db.engine(), "legacy.types");
        assertThat(models).singleElement().satisfies(m -> assertThat(m.notes()).isEqualTo(s.engine() == Engine.MARIADB
                ? List.of("column every_type.c_uuid is char(36), which is how UUIDs are stored on MariaDB, so the model "
                + "reads it as a UUID; make the field a String if it holds other text") : List.of()));
        // MariaDB keeps no difference between a unique index and a unique constraint
        assertThat(models.get(0).source()).contains(s.engine() == Engine.MARIADB
                ? "@Unique(name = \"every_type_date_uidx\", fields = {\"cDate\", \"cTime\"})"
                : "@Index(name = \"every_type_date_uidx\", fields = {\"cDate\", \"cTime\"}, unique = true)");
        List<ModelMeta> metas = compile(models, "legacy.types");
        assertThat(Drift.differences(db, OrmSchemaSource.of(metas, m -> "types"), "covet_migrations")).isEmpty();
    }

    @AllEngines
    void aChangedColumnIsReportedAgainstTheDatabase(Scratch s) throws Exception {
        try (Database db = Datasets.loadChinook(s)) {
            Schema live = Introspector.read(db);
            String genre = live.tableNames().stream().filter(t -> t.equalsIgnoreCase("genre")).findFirst().orElseThrow();
            Table t = live.require(genre);
            Column name = t.columns().get(1);
            Table changed = new Table(t.name(), t.columns().stream().map(c -> c == name
                    ? c.withType(ColumnType.varchar(99)) : c).toList(), t.primaryKey(), t.uniques(), t.checks(),
                    t.indexes(), t.foreignKeys());
            Schema edited = Schema.of(live.tables().stream().map(x -> x == t ? changed : x).toList());
            List<ModelMeta> metas = compile(InspectDb.generate(edited, db.engine(), "legacy.edited"), "legacy.edited");

            assertThat(Drift.differences(db, OrmSchemaSource.of(metas, m -> "chinook"), "covet_migrations"))
                    .containsExactly("column " + genre + "." + name.name() + ": expected varchar(99) NULL, found "
                            + "varchar(120) NULL");
        }
    }

    @Test
    void whatTheOrmCannotSayIsANoteNotAGuess() {
        Table parent = Table.of("parent", List.of(Column.of("a", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.of("b", ColumnType.of(ColumnType.Kind.INTEGER))), List.of("a", "b"));
        Table child = new Table("child", List.of(Column.of("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("pa", ColumnType.of(ColumnType.Kind.INTEGER)), Column.of("pb", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.nullable("shape", ColumnType.raw("geometry")), Column.of("code", ColumnType.fixedChar(3))),
                List.of("id"), List.of(), List.of(), List.of(), List.of(new ForeignKey("child_parent_fk",
                List.of("pa", "pb"), "parent", List.of("a", "b"), io.covet.schema.OnDelete.CASCADE)));
        Table log = Table.of("log", List.of(Column.of("line", ColumnType.of(ColumnType.Kind.TEXT))), List.of());

        List<ModelSource> out = InspectDb.generate(Schema.of(List.of(parent, child, log)), Engine.POSTGRESQL, "x.y");

        ModelSource c = out.stream().filter(m -> m.table().equals("child")).findFirst().orElseThrow();
        assertThat(c.notes()).containsExactly(
                "foreign key child_parent_fk [pa, pb] -> parent[a, b] is kept as plain column(s): the ORM's relations "
                        + "are single-column keys to a model's single-column primary key",
                "column child.shape has the native type geometry, which no field type maps to; the model declares "
                        + "that type and reads and writes the value in its text form");
        assertThat(c.source()).contains("Integer pa;")
                .contains("@Column(nativeType = \"geometry\", nullable = true)\n    String shape;")
                .contains("@Column(nativeType = \"character(3)\")\n    String code;")
                .contains(" * <p>NOTE: column child.shape has the native type geometry");
        ModelSource l = out.stream().filter(m -> m.table().equals("log")).findFirst().orElseThrow();
        assertThat(l.source()).contains("@Model(table = \"log\",\n        readOnly = true)")
                .contains("public class Log extends Entity").doesNotContain("@PrimaryKey");
        assertThat(l.notes()).containsExactly("table log has no primary key, so the model is read-only: the ORM "
                + "queries it and refuses to save or delete its rows; add a key to the table to write it through the "
                + "ORM");
    }

    @Test
    void aChar36OnMariaDbIsTheUuidCovetStoresThere() {
        Table t = Table.of("token", List.of(Column.of("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("value", ColumnType.fixedChar(36))), List.of("id"));
        ModelSource maria = InspectDb.generate(Schema.of(List.of(t)), Engine.MARIADB, "x").get(0);
        assertThat(maria.source()).contains("import java.util.UUID;").contains("    UUID value;");
        assertThat(maria.notes()).containsExactly("column token.value is char(36), which is how UUIDs are stored on "
                + "MariaDB, so the model reads it as a UUID; make the field a String if it holds other text");
        ModelSource pg = InspectDb.generate(Schema.of(List.of(t)), Engine.POSTGRESQL, "x").get(0);
        assertThat(pg.source()).contains("@Column(nativeType = \"character(36)\")\n    String value;");
    }

    @Test
    void namesBecomeJavaNamesAndHostileTextStaysInsideLiterals() {
        assertThat(JavaNames.className("invoice_line")).isEqualTo("InvoiceLine");
        assertThat(JavaNames.className("InvoiceLine")).isEqualTo("InvoiceLine");
        assertThat(JavaNames.className("model")).isEqualTo("ModelModel");
        assertThat(JavaNames.className("2024 sales")).isEqualTo("T2024Sales");
        assertThat(JavaNames.fieldName("AlbumId")).isEqualTo("albumId");
        assertThat(JavaNames.fieldName("ID")).isEqualTo("id");
        assertThat(JavaNames.fieldName("class")).isEqualTo("classValue");
        assertThat(JavaNames.relationName("SupportRepId")).isEqualTo("supportRep");
        assertThat(JavaNames.relationName("reports_to")).isEqualTo("reportsTo");
        assertThat(JavaNames.literal("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");

        Table hostile = Table.of("t\"; System.exit(1); //", List.of(Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.of("x*/ @Deprecated /*", ColumnType.varchar(5))), List.of("id"));
        String src = InspectDb.generate(Schema.of(List.of(hostile)), Engine.SQLITE, "a.b").get(0).source();
        assertThat(src).contains("@Model(table = \"t\\\"; System.exit(1); //\")")
                .contains("@Column(name = \"x*/ @Deprecated /*\", maxLength = 5)");
        assertThatThrownBy(() -> InspectDb.generate(Schema.of(List.of(hostile)), Engine.SQLITE, "A.class"))
                .hasMessage("'A.class' is not a Java package name: use lower-case segments separated by dots, e.g. "
                        + "com.example.legacy");
    }

    @Test
    void generatedSourceWithHostileNamesCompiles() throws Exception {
        Table hostile = Table.of("t\"; x", List.of(Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.of("x*/ @Deprecated /*", ColumnType.varchar(5)), Column.of("class", ColumnType.varchar(5))),
                List.of("id"));
        List<ModelMeta> metas = compile(InspectDb.generate(Schema.of(List.of(hostile)), Engine.SQLITE, "a.b"), "a.b");
        assertThat(metas).singleElement().satisfies(m -> {
            assertThat(m.table()).isEqualTo("t\"; x");
            assertThat(m.fields()).extracting(f -> f.column()).containsExactly("id", "x*/ @Deprecated /*", "class");
        });
    }

    /** Compiles the sources with the ORM's annotation processor and returns each model's generated META. */
    static List<ModelMeta> compile(List<ModelSource> models, String pkg) throws Exception {
        return ModelPackages.scan(compileToLoader(models, pkg), List.of(pkg));
    }

    /** Compiles the sources with the ORM's annotation processor and returns a class loader over the classes. */
    static URLClassLoader compileToLoader(List<ModelSource> models, String pkg) throws Exception {
        Path root = Files.createTempDirectory("inspectdb");
        Path src = root.resolve("src").resolve(pkg.replace('.', '/'));
        Path classes = Files.createDirectories(root.resolve("classes"));
        Files.createDirectories(src);
        List<Path> files = new ArrayList<>();
        for (ModelSource m : models) {
            if (m.source() != null) {
                files.add(Files.writeString(src.resolve(m.className() + ".java"), m.source()));
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = javac.getTask(null, fm, diagnostics, List.of("-d", classes.toString(), "-s", classes.toString(),
                    "-classpath", System.getProperty("java.class.path"), "-Xlint:none"), null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as(() -> diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> d.toString()).toList().toString()
                    + "\n" + models.get(0).source()).isTrue();
        }
        return new URLClassLoader(new URL[]{classes.toUri().toURL()}, InspectDbTest.class.getClassLoader());
    }
}
