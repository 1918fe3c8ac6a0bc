package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.SchemaComparison;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Models change, makemigrations writes files, migrate applies them: the live schema follows the models. */
class EvolutionTest {
    static final ColumnType BIG = ColumnType.of(ColumnType.Kind.BIGINT);

    static SchemaSource v1() {
        Table author = Table.of("author", List.of(Column.autoIncrement("id", BIG),
                Column.of("name", ColumnType.varchar(100))), List.of("id"));
        Table book = new Table("book", List.of(Column.autoIncrement("id", BIG), Column.of("title", ColumnType.varchar(200)),
                Column.of("author_id", BIG)), List.of("id"), List.of(), List.of(), List.of(),
                List.of(new ForeignKey("book_author_id_fk", List.of("author_id"), "author", List.of("id"),
                        OnDelete.CASCADE)));
        Table tag = Table.of("tag", List.of(Column.autoIncrement("id", BIG), Column.of("label", ColumnType.varchar(30))),
                List.of("id"));
        Table bookTags = new Table("book_tags", List.of(Column.of("book_id", BIG), Column.of("tag_id", BIG)),
                List.of("book_id", "tag_id"), List.of(), List.of(), List.of(), List.of(
                new ForeignKey("book_tags_book_id_fk", List.of("book_id"), "book", List.of("id"), OnDelete.CASCADE),
                new ForeignKey("book_tags_tag_id_fk", List.of("tag_id"), "tag", List.of("id"), OnDelete.CASCADE)));
        return SchemaSource.of(Map.of("lib", List.of(author, book, tag, bookTags)));
    }

    static SchemaSource v2() {
        Table author = Table.of("author", List.of(Column.autoIncrement("id", BIG),
                Column.of("full_name", ColumnType.varchar(100)),
                Column.of("active", ColumnType.of(ColumnType.Kind.BOOLEAN)).withDefault(ColumnDefault.value("true"))),
                List.of("id"));
        Table publisher = Table.of("publisher", List.of(Column.autoIncrement("id", BIG),
                Column.of("name", ColumnType.varchar(80))), List.of("id"));
        Table book = new Table("book", List.of(Column.autoIncrement("id", BIG), Column.of("title", ColumnType.varchar(250)),
                Column.of("author_id", BIG), Column.nullable("publisher_id", BIG)), List.of("id"),
                List.of(new UniqueConstraint("book_title_author_id_uniq", List.of("title", "author_id"))), List.of(),
                List.of(Index.of("book_title_idx", List.of("title"))),
                List.of(new ForeignKey("book_author_id_fk", List.of("author_id"), "author", List.of("id"),
                        OnDelete.CASCADE), new ForeignKey("book_publisher_id_fk", List.of("publisher_id"), "publisher",
                        List.of("id"), OnDelete.SET_NULL)));
        return SchemaSource.of(Map.of("lib", List.of(author, publisher, book)));
    }

    static List<Migration> make(Path dir, SchemaSource models) {
        MigrationGraph g = new MigrationGraph(MigrationFiles.load(dir), Set.of());
        List<Migration> ms = Autodetector.migrations(g, models, Questioner.nonInteractive(true));
        ms.forEach(m -> MigrationFiles.write(dir, m));
        return ms;
    }

    @AllEngines
    void generatedMigrationsTakeTheDatabaseToTheModelsAndBack(Scratch s,
            @TempDir java.nio.file.Path dir) throws Exception {
        Database db = s.db();
        assertThat(make(dir, v1())).extracting(m -> m.key().toString()).containsExactly("lib.0001_initial");
        Migrator m1 = Migrator.builder(db, MigrationFiles.load(dir)).build();
        m1.migrate(Target.latest());
        db.sql("INSERT INTO author (name) VALUES ('ada')").execute();
        db.sql("INSERT INTO book (title, author_id) VALUES ('notes', 1)").execute();

        assertThat(make(dir, v2())).extracting(m -> m.key().toString()).containsExactly("lib.0002_rename_name_author_and_more");
        assertThat(make(dir, v2())).isEmpty(); // makemigrations --check would now pass
        Migrator m2 = Migrator.builder(db, MigrationFiles.load(dir)).build();
        m2.migrate(Target.latest());
        assertThat(Drift.differences(db, m2)).isEmpty();
        assertThat(SchemaComparison.differences(v2().schema(), MigratorTest.live(db), s.engine())).isEmpty();
        assertThat(db.sql("SELECT a.full_name, a.active, b.title FROM author a JOIN book b ON b.author_id = a.id")
                .list(rs -> rs.getString(1) + "/" + rs.getBoolean(2) + "/" + rs.getString(3)))
                .containsExactly("ada/true/notes");

        m2.migrate(Target.of("lib", "0001_initial"));
        assertThat(SchemaComparison.differences(v1().schema(), MigratorTest.live(db), s.engine())).isEmpty();
        assertThat(db.sql("SELECT name FROM author").list(rs -> rs.getString(1))).containsExactly("ada");
    }

    @Test
    void sqlmigratePrintsTheStatementsOfEachEngineWithoutADatabase() {
        Migration m1 = new Migration(new MigrationKey("lib", "0001_initial"), List.of(),
                Autodetector.operations(ProjectState.empty(), v1(), Questioner.nonInteractive(true)).get("lib"));
        MigrationGraph g = new MigrationGraph(List.of(m1), Set.of());
        List<String> pg = SqlPreview.sql(g, m1.key(), Dialect.of(Engine.POSTGRESQL), false);
        assertThat(pg.get(0)).isEqualTo("-- Create model author");
        assertThat(pg.get(1)).isEqualTo("CREATE TABLE \"author\" (\n    \"id\" BIGINT GENERATED BY DEFAULT AS IDENTITY "
                + "NOT NULL,\n    \"name\" VARCHAR(100) NOT NULL,\n    PRIMARY KEY (\"id\")\n);");
        assertThat(SqlPreview.sql(g, m1.key(), Dialect.of(Engine.MARIADB), true))
                .startsWith("-- Undo Create model book_tags", "DROP TABLE `book_tags`;");
    }
}
