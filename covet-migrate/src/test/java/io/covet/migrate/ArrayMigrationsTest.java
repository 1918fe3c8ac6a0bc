package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.SchemaComparison;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL array columns in migrations: the autodetector creates them, alters their element type and adds them;
 * {@code sqlmigrate} shows {@code element[]}; the database then matches the migrations (the catalog's
 * {@code integer[]} and a model's {@code _int4} are one type); backward keeps the values. MariaDB and SQLite refuse
 * the migration before anything runs, naming the column, the engine and the alternative.
 */
class ArrayMigrationsTest {
    private static final ColumnType BIGINT = ColumnType.of(ColumnType.Kind.BIGINT);
    private static final ColumnType INTEGER = ColumnType.of(ColumnType.Kind.INTEGER);

    private static Table v1() {
        return Table.of("post", List.of(Column.autoIncrement("id", BIGINT),
                Column.of("tags", ColumnType.array(ColumnType.of(ColumnType.Kind.TEXT)))
                        .withDefault(ColumnDefault.value("{}")),
                Column.nullable("scores", ColumnType.array(INTEGER)),
                Column.nullable("codes", ColumnType.array(ColumnType.varchar(20)))), List.of("id"));
    }

    private static Table v2() {
        Table t = v1();
        return t.withColumn(t.requireColumn("scores").withType(ColumnType.array(BIGINT)))
                .withColumn(t.requireColumn("codes").withType(ColumnType.array(ColumnType.varchar(40))))
                .withColumn(Column.nullable("flags", ColumnType.array(ColumnType.of(ColumnType.Kind.BOOLEAN))));
    }

    private static List<Migration> make(List<Migration> existing, Table t) {
        List<Migration> made = Autodetector.migrations(new MigrationGraph(existing, Set.of()),
                SchemaSource.of(Map.of("blog", List.of(t))), Questioner.nonInteractive(false));
        // through the file form, as makemigrations writes them
        return made.stream().map(m -> MigrationFiles.parse(MigrationFiles.toJson(m), m.name())).toList();
    }

    @AllEngines
    void arrayColumnsAreCreatedAlteredAndReversed(Scratch s) {
        Database db = s.db();
        List<Migration> first = make(List.of(), v1());
        assertThat(first).singleElement().satisfies(m -> assertThat(MigrationFiles.toJson(m))
                .contains("\"type\": \"array(text)\"", "\"type\": \"array(integer)\"", "\"type\": \"array(varchar(20))\""));
        Migrator m1 = Migrator.builder(db, first).build();
        if (s.engine() != Engine.POSTGRESQL) {
            assertThatThrownBy(() -> m1.migrate(Target.latest()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("array column post.tags of type text[] is not supported by "
                            + s.engine().displayName() + ". Arrays are a PostgreSQL type: store the list in a JSON "
                            + "field (@Column(type = FieldType.JSON) on the List), or in a table of its own with a "
                            + "foreign key to this one.")
                    .hasMessageContaining("nothing was changed");
            assertThat(MigratorTest.live(db).tables()).isEmpty();
            assertThat(m1.status()).singleElement().matches(x -> !x.applied());
            return;
        }
        MigrationKey k1 = first.get(0).key();
        assertThat(String.join("\n", SqlPreview.sql(new MigrationGraph(first, Set.of()), k1,
                Dialect.of(Engine.POSTGRESQL), false)))
                .contains("\"tags\" TEXT[] DEFAULT '{}' NOT NULL", "\"scores\" INTEGER[]", "\"codes\" VARCHAR(20)[]");
        m1.migrate(Target.latest());
        db.sql("INSERT INTO post (scores, codes) VALUES ('{1,2}', '{x,\"y z\"}')").execute();
        MigratorTest.assertMatches(db, new MigrationGraph(first, Set.of()), k -> true);
        // a model may name the type as the catalog does internally: _int4 is integer[]
        Table internalNames = v1().withColumn(Column.nullable("scores", ColumnType.raw("_int4")))
                .withColumn(Column.nullable("codes", ColumnType.raw("varchar(20)[]")));
        assertThat(SchemaComparison.differences(io.covet.schema.Schema.of(List.of(internalNames)),
                MigratorTest.live(db), db.engine())).isEmpty();
        assertThat(make(first, v1())).isEmpty();

        List<Migration> all = new ArrayList<>(first);
        List<Migration> second = make(first, v2());
        assertThat(second).singleElement().satisfies(m -> assertThat(m.operations()).extracting(Object::toString)
                .hasSize(3));
        all.addAll(second);
        Migrator m2 = Migrator.builder(db, all).build();
        m2.migrate(Target.latest());
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> true);
        assertThat(make(all, v2())).isEmpty();
        assertThat(db.sql("SELECT format_type(atttypid, atttypmod) t FROM pg_attribute WHERE attrelid = "
                + "'post'::regclass AND attname IN ('scores', 'codes', 'flags') ORDER BY attname").list(r -> r.getString(1)))
                .containsExactly("character varying(40)[]", "boolean[]", "bigint[]");
        db.sql("UPDATE post SET flags = '{t,f}'").execute();

        m2.migrate(Target.of(k1.app(), k1.name()));
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> k.equals(k1));
        assertThat(db.sql("SELECT scores::text s, codes::text c, tags::text t FROM post").list(
                r -> r.getString("s") + " " + r.getString("c") + " " + r.getString("t")))
                .containsExactly("{1,2} {x,\"y z\"} {}");
        m2.migrate(Target.latest());
        m2.migrate(Target.zero("blog"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }

    private static ColumnType arrayOf(ColumnType.Kind kind) {
        return ColumnType.array(ColumnType.of(kind));
    }

    /**
     * Arrays of dates, times, timestamps and fixed-length text: created, compared with the catalog's
     * {@code timestamp without time zone[]} and {@code character(3)[]} without drift, altered (date[] to timestamp[],
     * char(3)[] to char(5)[]) and added, then reversed with the values kept; refused on MariaDB and SQLite.
     */
    @AllEngines
    void temporalAndFixedLengthArrayColumnsAreCreatedAlteredAndReversed(Scratch s) {
        Database db = s.db();
        Table v1 = Table.of("event", List.of(Column.autoIncrement("id", BIGINT),
                Column.nullable("days", arrayOf(ColumnType.Kind.DATE)),
                Column.nullable("instants", arrayOf(ColumnType.Kind.TIMESTAMPTZ)),
                Column.nullable("times", arrayOf(ColumnType.Kind.TIME)),
                Column.nullable("codes", ColumnType.array(ColumnType.fixedChar(3)))), List.of("id"));
        Table v2 = v1.withColumn(v1.requireColumn("days").withType(arrayOf(ColumnType.Kind.TIMESTAMP)))
                .withColumn(v1.requireColumn("codes").withType(ColumnType.array(ColumnType.fixedChar(5))))
                .withColumn(Column.nullable("stamps", arrayOf(ColumnType.Kind.TIMESTAMP)));
        List<Migration> first = make(List.of(), v1);
        assertThat(MigrationFiles.toJson(first.get(0))).contains("\"type\": \"array(date)\"",
                "\"type\": \"array(timestamptz)\"", "\"type\": \"array(time)\"", "\"type\": \"array(char(3))\"");
        Migrator m1 = Migrator.builder(db, first).build();
        if (s.engine() != Engine.POSTGRESQL) {
            assertThatThrownBy(() -> m1.migrate(Target.latest()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("array column event.days of type date[] is not supported by "
                            + s.engine().displayName() + ". Arrays are a PostgreSQL type")
                    .hasMessageContaining("nothing was changed");
            assertThat(MigratorTest.live(db).tables()).isEmpty();
            return;
        }
        m1.migrate(Target.latest());
        db.sql("INSERT INTO event (days, instants, times, codes) VALUES ('{2024-03-10,NULL}', "
                + "'{\"2024-11-03 05:30:00.000001+00\"}', '{23:59:59.999999}', '{ab,xyz}')").execute();
        MigratorTest.assertMatches(db, new MigrationGraph(first, Set.of()), k -> true);
        assertThat(make(first, v1)).isEmpty();

        List<Migration> all = new ArrayList<>(first);
        List<Migration> second = make(first, v2);
        assertThat(second).singleElement().satisfies(m -> assertThat(m.operations()).hasSize(3));
        all.addAll(second);
        Migrator m2 = Migrator.builder(db, all).build();
        m2.migrate(Target.latest());
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> true);
        assertThat(make(all, v2)).isEmpty();
        assertThat(db.sql("SELECT attname || ' ' || format_type(atttypid, atttypmod) t FROM pg_attribute WHERE "
                + "attrelid = 'event'::regclass AND attname IN ('days', 'codes', 'stamps') ORDER BY attname")
                .list(r -> r.getString(1))).containsExactly("codes character(5)[]",
                "days timestamp without time zone[]", "stamps timestamp without time zone[]");

        MigrationKey k1 = first.get(0).key();
        m2.migrate(Target.of(k1.app(), k1.name()));
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> k.equals(k1));
        db.atomicRun(tx -> {
            db.sql("SET LOCAL TIME ZONE 'UTC'").execute();
            assertThat(db.sql("SELECT days::text d, instants::text i, times::text t, codes::text c FROM event").list(
                    r -> r.getString("d") + " " + r.getString("i") + " " + r.getString("t") + " " + r.getString("c")))
                    .containsExactly("{2024-03-10,NULL} {\"2024-11-03 05:30:00.000001+00\"} {23:59:59.999999} "
                            + "{\"ab \",xyz}");
        });
        m2.migrate(Target.zero("blog"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
