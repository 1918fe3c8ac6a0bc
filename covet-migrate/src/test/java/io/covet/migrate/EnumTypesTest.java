package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.orm.Entity;
import io.covet.orm.Orm;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Database enum types declared with {@code @Column(enumType = "mood")}, through their life in migrations on each
 * engine: created with the first table that uses them (CREATE TYPE on PostgreSQL), labels renamed, added and
 * removed as the Java enum changes (with the rows' values carried or the change refused), reversed, and dropped
 * with the last table. Two tables share the type. The models are compiled with the annotation processor, one
 * package per version of the Java enum.
 */
class EnumTypesTest {
    private static final String APP = "diary";

    /** The models with the enum {@code Mood} holding {@code labels}, in package {@code enums.<version>}. */
    private static List<ModelSource> models(String version, String labels) {
        String pkg = "enums." + version;
        String diary = "package " + pkg + ";\n\nimport io.covet.orm.*;\n\n"
                + "@Model(table = \"diary\")\npublic class Diary extends Entity {\n"
                + "    public enum Mood {\n        " + labels + "\n    }\n\n"
                + "    @PrimaryKey(auto = true)\n    Long id;\n"
                + "    @Column(enumType = \"mood\")\n    Mood mood;\n"
                + "    @Column(enumType = \"mood\", nullable = true)\n    Mood other;\n\n"
                + "    public Diary() {\n    }\n}\n";
        String note = "package " + pkg + ";\n\nimport io.covet.orm.*;\n\n"
                + "@Model(table = \"note\")\npublic class Note extends Entity {\n"
                + "    @PrimaryKey(auto = true)\n    Long id;\n"
                + "    @Column(enumType = \"mood\", defaultValue = \"sad\")\n    Diary.Mood feeling;\n\n"
                + "    public Note() {\n    }\n}\n";
        return List.of(new ModelSource("diary", "Diary", diary, List.of()),
                new ModelSource("note", "Note", note, List.of()));
    }

    /** One version of the models: compiled, with its schema source. */
    private record Version(String pkg, ClassLoader loader, SchemaSource source) {
        static Version of(String version, String labels) throws Exception {
            String pkg = "enums." + version;
            ClassLoader loader = InspectDbTest.compileToLoader(models(version, labels), pkg);
            List<ModelMeta> metas = ModelPackages.scan(loader, List.of(pkg));
            return new Version(pkg, loader, OrmSchemaSource.of(metas, m -> APP));
        }

        Orm orm(Database db) throws Exception {
            return Orm.builder().database(db).models(type("Diary"), type("Note")).build();
        }

        ModelType<?> type(String cls) throws Exception {
            return (ModelType<?>) Class.forName(pkg + "." + cls + "_", true, loader).getField("TYPE").get(null);
        }

        @SuppressWarnings("unchecked")
        Class<Entity> model(String cls) throws Exception {
            return (Class<Entity>) Class.forName(pkg + "." + cls, true, loader);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Object mood(String label) throws Exception {
            return Enum.valueOf((Class) Class.forName(pkg + ".Diary$Mood", true, loader), label);
        }

        Entity diary(String mood, String other) throws Exception {
            Entity d = model("Diary").getConstructor().newInstance();
            set(d, "mood", mood(mood));
            set(d, "other", other == null ? null : mood(other));
            return d;
        }

        @SuppressWarnings("unchecked")
        long count(Orm orm, String field, String label) throws Exception {
            io.covet.sql.Column<Object> c = (io.covet.sql.Column<Object>) Class.forName(pkg + ".Diary_", true, loader)
                    .getField(field.toUpperCase(java.util.Locale.ROOT)).get(null);
            return orm.objects(model("Diary")).filter(c.eq(mood(label))).count();
        }
    }

    private final List<Migration> migrations = new ArrayList<>();

    /** makemigrations for {@code v} (renames confirmed), through the file format; the new migration. */
    private Migration makemigrations(Version v) {
        List<Migration> made = Autodetector.migrations(new MigrationGraph(migrations, Set.of()), v.source(),
                Questioner.nonInteractive(true));
        assertThat(made).hasSize(1);
        Migration m = MigrationFiles.parse(MigrationFiles.toJson(made.get(0)), made.get(0).name());
        migrations.add(m);
        return m;
    }

    private Migrator migrator(Database db) {
        return Migrator.builder(db, migrations).build();
    }

    /**
     * Where DDL is not transactional (MariaDB) a refused migration is recorded as interrupted although its guard
     * changed nothing; the recorded state is put right as `covet migrate --resume-partial/--rollback-partial` does.
     */
    private void settle(Database db, Migrator.OnPartial how, Target then) {
        if (migrator(db).status().stream().anyMatch(MigrationStatus::partial)) {
            assertThat(db.engine()).isEqualTo(Engine.MARIADB);
            Migrator.builder(db, migrations).onPartial(how).build().migrate(then);
        }
    }

    /** The models describe the database and makemigrations finds nothing left to do. */
    private void clean(Database db, Version v) {
        assertThat(Drift.differences(db, v.source(), Migrator.DEFAULT_HISTORY_TABLE)).isEmpty();
        assertThat(Drift.differences(db, migrator(db))).isEmpty();
        assertThat(Autodetector.migrations(new MigrationGraph(migrations, Set.of()), v.source(),
                Questioner.nonInteractive(true))).isEmpty();
    }

    /** The diary rows' (mood, other) as text, in id order, and the notes' feelings. */
    private static List<String> rows(Database db) {
        List<String> out = new ArrayList<>();
        db.sql("SELECT mood, other FROM diary ORDER BY id").list()
                .forEach(r -> out.add(r.getString("mood") + "/" + r.getString("other")));
        db.sql("SELECT feeling FROM note ORDER BY id").list().forEach(r -> out.add("note " + r.getString("feeling")));
        return out;
    }

    /** The labels of the PostgreSQL enum type in the current schema, or null when it does not exist. */
    private static String pgLabels(Database db) {
        return db.sql("SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) l FROM pg_type t "
                + "LEFT JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typname = 'mood' "
                + "AND t.typnamespace = current_schema()::regnamespace").list().stream().findFirst()
                .map(r -> r.getString("l")).orElse(null);
    }

    @AllEngines
    void labelsChangeForwardAndBackwardWithTheRowsKept(Scratch s) throws Exception {
        Database db = s.db();
        boolean pg = s.engine() == Engine.POSTGRESQL;

        // 0001: the type comes with the first table that uses it
        Version v1 = Version.of("v1", "sad, ok, happy");
        Migration m1 = makemigrations(v1);
        migrator(db).migrate(Target.latest());
        clean(db, v1);
        if (pg) {
            assertThat(pgLabels(db)).isEqualTo("sad,ok,happy");
            assertThat(SqlPreview.sql(new MigrationGraph(migrations, Set.of()), m1.key(), db.dialect(), false)
                    .get(1)).isEqualTo("CREATE TYPE \"mood\" AS ENUM ('sad', 'ok', 'happy');");
        }
        Orm orm1 = v1.orm(db);
        orm1.save(v1.diary("sad", "ok"));
        orm1.save(v1.diary("happy", null));
        orm1.save(v1.diary("ok", "ok"));
        Entity note = v1.model("Note").getConstructor().newInstance();
        set(note, "feeling", v1.mood("sad"));
        orm1.save(note);
        assertThat(rows(db)).containsExactly("sad/ok", "happy/null", "ok/ok", "note sad");
        assertThat(v1.count(orm1, "mood", "happy")).isEqualTo(1);
        assertThat(v1.count(orm1, "other", "ok")).isEqualTo(2);

        // 0002: ok renamed to fine (rows follow), great added at the end
        Version v2 = Version.of("v2", "sad, fine, happy, great");
        Migration m2 = makemigrations(v2);
        assertThat(m2.operations()).singleElement().isEqualTo(new AlterEnumType("mood", List.of("sad", "ok", "happy"),
                List.of("sad", "fine", "happy", "great"), Map.of("ok", "fine")));
        migrator(db).migrate(Target.latest());
        clean(db, v2);
        // the labels are compared with the models' on every engine (SQLite: those of the column checks)
        assertThat(Drift.differences(db, v1.source(), Migrator.DEFAULT_HISTORY_TABLE)).isNotEmpty();
        assertThat(rows(db)).containsExactly("sad/fine", "happy/null", "fine/fine", "note sad");
        if (pg) {
            assertThat(pgLabels(db)).isEqualTo("sad,fine,happy,great");
        }
        Orm orm2 = v2.orm(db);
        Entity great = v2.diary("great", "fine");
        orm2.save(great);
        assertThat(v2.count(orm2, "mood", "great")).isEqualTo(1);
        assertThat(v2.count(orm2, "other", "fine")).isEqualTo(3);

        // back to 0001: refused while a row holds great, which 0001 has no label for; nothing changes
        assertThatThrownBy(() -> migrator(db).migrate(Target.of(APP, m1.name())))
                .hasMessageContaining("great");
        assertThat(rows(db)).containsExactly("sad/fine", "happy/null", "fine/fine", "great/fine", "note sad");
        settle(db, Migrator.OnPartial.RESUME, Target.latest());
        clean(db, v2);
        orm2.delete(great);
        migrator(db).migrate(Target.of(APP, m1.name()));
        assertThat(rows(db)).containsExactly("sad/ok", "happy/null", "ok/ok", "note sad");
        assertThat(Drift.differences(db, v1.source(), Migrator.DEFAULT_HISTORY_TABLE)).isEmpty();
        assertThat(Drift.differences(db, migrator(db))).isEmpty();
        if (pg) {
            assertThat(pgLabels(db)).isEqualTo("sad,ok,happy");
        }
        migrator(db).migrate(Target.latest());
        assertThat(rows(db)).containsExactly("sad/fine", "happy/null", "fine/fine", "note sad");

        // 0003: a rename only (PostgreSQL renames the label in place), forward and back
        Version v3 = Version.of("v3", "sad, fine, joyful, great");
        Migration m3 = makemigrations(v3);
        if (pg) {
            assertThat(SqlPreview.sql(new MigrationGraph(migrations, Set.of()), m3.key(), db.dialect(), false))
                    .contains("ALTER TYPE \"mood\" RENAME VALUE 'happy' TO 'joyful';");
        }
        migrator(db).migrate(Target.latest());
        clean(db, v3);
        assertThat(rows(db)).containsExactly("sad/fine", "joyful/null", "fine/fine", "note sad");
        migrator(db).migrate(Target.of(APP, m2.name()));
        assertThat(rows(db)).containsExactly("sad/fine", "happy/null", "fine/fine", "note sad");
        migrator(db).migrate(Target.latest());
        assertThat(rows(db)).containsExactly("sad/fine", "joyful/null", "fine/fine", "note sad");

        // 0004: sad removed (and the note's default with it) while rows hold it: refused, nothing changed
        Version v4 = Version.of("v4", "fine, joyful, great");
        migrations.add(new Migration(new MigrationKey(APP, "0004_no_sad"), List.of(m3.key()),
                List.of(new AlterEnumType("mood", List.of("sad", "fine", "joyful", "great"),
                        List.of("fine", "joyful", "great"), Map.of()))));
        assertThatThrownBy(() -> migrator(db).migrate(Target.latest())).hasMessageContaining("sad");
        assertThat(rows(db)).containsExactly("sad/fine", "joyful/null", "fine/fine", "note sad");
        if (pg) {
            assertThat(pgLabels(db)).isEqualTo("sad,fine,joyful,great");
        }
        settle(db, Migrator.OnPartial.ROLLBACK, Target.of(APP, m3.name()));
        migrations.remove(migrations.size() - 1);
        clean(db, v3);
        assertThat(v4.source().schema().enumTypes()).containsEntry("mood", List.of("fine", "joyful", "great"));

        // back to zero: the type goes with the last table
        migrator(db).migrate(Target.zero(APP));
        if (pg) {
            assertThat(pgLabels(db)).isNull();
        }
    }

    @Test
    void oneTypeNameWithTwoSetsOfLabelsIsRefused() {
        io.covet.schema.Schema two = io.covet.schema.Schema.of(List.of(
                io.covet.schema.Table.of("a", List.of(io.covet.schema.Column.of("m",
                        io.covet.schema.ColumnType.enumType("mood", List.of("x", "y")))), List.of()),
                io.covet.schema.Table.of("b", List.of(io.covet.schema.Column.of("m",
                        io.covet.schema.ColumnType.enumType("mood", List.of("x")))), List.of())));
        assertThatThrownBy(two::enumTypes).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enum type mood has the labels [x, y] on a.m but [x] on b.m; a database enum type has "
                        + "one set of labels: give both fields the same Java enum, or the types different names");
    }

    @Test
    void enumTypesKeepTheirLabelsInTheMigrationFileFormat() {
        io.covet.schema.ColumnType t = io.covet.schema.ColumnType.enumType("mood", List.of("sad", "it's ok", "A,B"));
        assertThat(t).hasToString("enum(mood:'sad','it''s ok','A,B')");
        assertThat(io.covet.schema.ColumnType.parse(t.toString())).isEqualTo(t);
        AlterEnumType op = new AlterEnumType("mood", List.of("a", "b"), List.of("a", "c"), Map.of("b", "c"));
        assertThat(io.covet.migrate.internal.OperationJson.read(io.covet.migrate.internal.OperationJson.write(op)))
                .isEqualTo(op);
        assertThatThrownBy(() -> new AlterEnumType("mood", List.of("a"), List.of("b"), Map.of("x", "b")))
                .hasMessage("enum type mood: cannot rename label 'x' to 'b': the old label must be among [a] and the "
                        + "new one among [b]");
        assertThatThrownBy(() -> io.covet.schema.ColumnType.enumType("mood", List.of("a", "a")))
                .hasMessage("enum type mood needs distinct, non-empty labels; was [a, a]");
    }

    private static void set(Object o, String field, Object value) throws Exception {
        Field f = o.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(o, value);
    }
}
