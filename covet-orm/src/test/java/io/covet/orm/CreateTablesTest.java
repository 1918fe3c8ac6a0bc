package io.covet.orm;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.orm.chinook.Album_;
import io.covet.orm.chinook.Artist_;
import io.covet.orm.chinook.PlaylistTrack_;
import io.covet.orm.chinook.Playlist_;
import io.covet.orm.chinook.Track_;
import io.covet.orm.ddl.Department_;
import io.covet.orm.ddl.Document;
import io.covet.orm.ddl.Document_;
import io.covet.orm.ddl.Employee_;
import io.covet.orm.ddl.Skill_;
import io.covet.orm.records.Rate_;
import io.covet.orm.records.Reading_;
import io.covet.orm.rules.Book_;
import io.covet.orm.rules.Note_;
import io.covet.orm.rules.Shelf_;
import io.covet.orm.school.Course_;
import io.covet.orm.school.Enrollment_;
import io.covet.orm.school.Student_;
import io.covet.orm.spi.ModelType;
import io.covet.orm.types.AllTypes_;
import io.covet.orm.types.Setting_;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code createTables()} makes exactly the schema state migrations would make from the same models
 * ({@link OrmSchema}), as each engine reads it back.
 */
class CreateTablesTest {

    /** Creates the models' tables on a scratch database and returns the schema state they should have made. */
    private static Schema createAndCompare(Scratch s, ModelType<?>... models) {
        Orm orm = Orm.builder().database(s.db()).models(models).build();
        orm.createTables();
        Schema expected = OrmSchema.of(orm);
        Schema live = Introspector.read(s.db());
        assertThat(SchemaComparison.differences(expected, live, s.engine(), "the models")).isEmpty();
        return expected;
    }

    @AllEngines
    void aFailingCreateLeavesNothingWhereDdlIsTransactional(Scratch s) {
        // Playlist is created after Artist, Album and Track (PlaylistTrack references it), so it fails late.
        s.db().sql("CREATE TABLE " + s.db().dialect().quote("PlaylistTrack") + " (x INTEGER)").execute();
        Orm orm = Orm.builder().database(s.db()).models(Artist_.TYPE, Album_.TYPE, Track_.TYPE, Playlist_.TYPE,
                PlaylistTrack_.TYPE).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(orm::createTables)
                .isInstanceOf(io.covet.core.error.DataAccessException.class);
        List<String> tables = Introspector.read(s.db()).tableNames();
        if (s.engine() == Engine.MARIADB) {
            assertThat(tables).contains("Artist", "PlaylistTrack");   // each DDL statement commits on its own
        } else {
            assertThat(tables).containsExactly("PlaylistTrack");
        }
    }

    @AllEngines
    void chinookCompositeKeysNamedForeignKeysAndIndexes(Scratch s) {
        Schema made = createAndCompare(s, Artist_.TYPE, Album_.TYPE, Track_.TYPE, Playlist_.TYPE,
                PlaylistTrack_.TYPE);
        assertThat(made.require("PlaylistTrack").primaryKey()).containsExactly("PlaylistId", "TrackId");
        assertThat(made.require("Album").foreignKeys()).extracting(f -> f.name()).containsExactly("FK_AlbumArtistId");
    }

    @AllEngines
    void everyFieldTypeWithDefaultsChecksAndRecords(Scratch s) {
        createAndCompare(s, AllTypes_.TYPE, Setting_.TYPE, Reading_.TYPE, Rate_.TYPE);
    }

    /**
     * Columns as the schema's DDL declares them hold every value of their Java type: a UUID that MariaDB's own UUID
     * type refuses, and a JSON number that a SQLite column of NUMERIC affinity would round.
     */
    @AllEngines
    void columnsHoldEveryValueOfTheirJavaType(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Document_.TYPE).build();
        orm.createTables();
        Document d = new Document();
        d.ref = UUID.fromString("3634fd4b-664f-ca73-3931-49b478c9f887");
        d.body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(
                new BigInteger("12345678901234567890"));
        orm.save(d);
        Document back = orm.objects(Document_.TYPE).get(d.id);
        assertThat(back.ref).isEqualTo(UUID.fromString("3634fd4b-664f-ca73-3931-49b478c9f887"));
        assertThat(back.body.toString()).isEqualTo("12345678901234567890");
        assertThat(SchemaComparison.differences(OrmSchema.of(orm), Introspector.read(s.db()), s.engine())).isEmpty();
    }

    @AllEngines
    void throughModelsUniqueTogetherAndDeleteRules(Scratch s) {
        createAndCompare(s, Course_.TYPE, Student_.TYPE, Enrollment_.TYPE, Shelf_.TYPE, Book_.TYPE, Note_.TYPE);
    }

    @AllEngines
    void cyclesSelfReferencesJoinTablesAndLongNames(Scratch s) {
        Schema made = createAndCompare(s, Department_.TYPE, Employee_.TYPE, Skill_.TYPE);
        assertThat(made.tableNames()).containsExactly("department", "employee", "employee_skills", "skill");
        assertThat(made.require("skill").indexes()).extracting(i -> i.name()).hasSize(2)
                .allSatisfy(n -> assertThat(n).hasSize(63).startsWith("skill_label_as_shown").endsWith("_idx"));
        assertThat(made.require("skill").indexes()).extracting(i -> i.unique()).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void referencedTablesComeFirstAndACycleIsClosedByAlterTable() {
        Orm orm = Orm.builder().database(io.covet.core.Database.open("sqlite::memory:"))
                .models(Employee_.TYPE, Skill_.TYPE, Department_.TYPE).build();
        for (Engine e : List.of(Engine.POSTGRESQL, Engine.MARIADB)) {
            Dialect d = Dialect.of(e);
            List<String> ddl = orm.ddl(e);
            // skill references nothing; then nothing is ready, so the first registered table (employee) goes,
            // without its key to department
            assertThat(creates(ddl)).containsExactly("skill", "employee", "employee_skills", "department");
            assertThat(createOf(ddl, d, "employee")).contains("REFERENCES " + d.quote("employee")) // its manager: itself
                    .doesNotContain("REFERENCES " + d.quote("department"));
            assertThat(ddl.get(ddl.size() - 1)).startsWith("ALTER TABLE " + d.quote("employee") + " ADD CONSTRAINT "
                    + d.quote("employee_in_department") + " FOREIGN KEY");
        }
        // SQLite resolves references when rows are written: every key stays in CREATE TABLE
        List<String> sqlite = orm.ddl(Engine.SQLITE);
        assertThat(sqlite).noneMatch(x -> x.startsWith("ALTER TABLE"));
        assertThat(createOf(sqlite, Dialect.of(Engine.SQLITE), "employee")).contains("REFERENCES \"department\"");
    }

    private static String createOf(List<String> ddl, Dialect d, String table) {
        return ddl.stream().filter(x -> x.startsWith("CREATE TABLE " + d.quote(table) + " (")).findFirst().orElseThrow();
    }

    private static List<String> creates(List<String> ddl) {
        return ddl.stream().filter(x -> x.startsWith("CREATE TABLE "))
                .map(x -> x.substring("CREATE TABLE ".length(), x.indexOf(" (")))
                .map(q -> q.substring(1, q.length() - 1)).toList();
    }
}
