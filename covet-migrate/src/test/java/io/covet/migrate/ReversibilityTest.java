package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.SchemaComparison;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A generated migration goes back as well as forward on every engine, and a backward run interrupted half way
 * (MariaDB, whose DDL commits at once) can be finished in either direction.
 */
class ReversibilityTest {
    static final ColumnType BIG = ColumnType.of(ColumnType.Kind.BIGINT);

    static Table author(int nameLength) {
        return Table.of("author", List.of(Column.autoIncrement("id", BIG),
                Column.of("name", ColumnType.varchar(nameLength))), List.of("id"));
    }

    static SchemaSource v1() {
        Table book = new Table("book", List.of(Column.autoIncrement("id", BIG), Column.of("title", ColumnType.varchar(100)),
                Column.nullable("blurb", ColumnType.of(ColumnType.Kind.TEXT)), Column.of("author_id", BIG)),
                List.of("id"), List.of(), List.of(), List.of(),
                List.of(new ForeignKey("book_author_id_fk", List.of("author_id"), "author", List.of("id"),
                        OnDelete.CASCADE)));
        return SchemaSource.of(Map.of("lib", List.of(author(100), book)));
    }

    /** Rename, drop, widen, unique, index, defaulted field, and a new model with a nullable key to it. */
    static SchemaSource v2() {
        Table publisher = Table.of("publisher", List.of(Column.autoIncrement("id", BIG),
                Column.of("name", ColumnType.varchar(80))), List.of("id"));
        Table book = new Table("book", List.of(Column.autoIncrement("id", BIG),
                Column.of("headline", ColumnType.varchar(100)), Column.of("author_id", BIG),
                Column.of("pages", ColumnType.of(ColumnType.Kind.INTEGER)).withDefault(ColumnDefault.value("100")),
                Column.nullable("publisher_id", BIG)), List.of("id"),
                List.of(new UniqueConstraint("book_headline_author_id_uniq", List.of("headline", "author_id"))),
                List.of(), List.of(Index.of("book_publisher_id_idx", List.of("publisher_id"))),
                List.of(new ForeignKey("book_author_id_fk", List.of("author_id"), "author", List.of("id"),
                        OnDelete.CASCADE), new ForeignKey("book_publisher_id_fk", List.of("publisher_id"), "publisher",
                        List.of("id"), OnDelete.SET_NULL)));
        return SchemaSource.of(Map.of("lib", List.of(author(200), publisher, book)));
    }

    static List<Migration> migrations() {
        Migration m1 = new Migration(new MigrationKey("lib", "0001_initial"), List.of(),
                Autodetector.operations(ProjectState.empty(), v1(), Questioner.nonInteractive(true)).get("lib"));
        MigrationGraph g = new MigrationGraph(List.of(m1), Set.of());
        List<Migration> next = Autodetector.migrations(g, v2(), Questioner.nonInteractive(true));
        assertThat(next).hasSize(1);
        return List.of(m1, next.get(0));
    }

    static List<String> books(Database db, String titleColumn) {
        return db.sql("SELECT a.name, b." + titleColumn + " FROM book b JOIN author a ON a.id = b.author_id ORDER BY b.id")
                .list(rs -> rs.getString(1) + "/" + rs.getString(2));
    }

    @AllEngines
    void aHandWrittenModelChangeGoesForwardAndBackWithTheDataKept(Scratch s) {
        Database db = s.db();
        List<Migration> ms = migrations();
        Migrator m = Migrator.builder(db, ms).build();
        m.migrate(Target.of("lib", "0001_initial"));
        db.sql("INSERT INTO author (name) VALUES ('ada')").execute();
        db.sql("INSERT INTO book (title, blurb, author_id) VALUES ('notes', 'x', 1)").execute();

        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(SchemaComparison.differences(v2().schema(), MigratorTest.live(db), s.engine())).isEmpty();
        assertThat(books(db, "headline")).containsExactly("ada/notes");
        db.sql("INSERT INTO publisher (name) VALUES ('acme')").execute();
        db.sql("UPDATE book SET publisher_id = 1").execute();

        m.migrate(Target.of("lib", "0001_initial"));
        assertThat(m.status()).extracting(MigrationStatus::applied).containsExactly(true, false);
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(SchemaComparison.differences(v1().schema(), MigratorTest.live(db), s.engine())).isEmpty();
        assertThat(books(db, "title")).containsExactly("ada/notes");

        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(books(db, "headline")).containsExactly("ada/notes");
    }

    /** Makes author.name nullable, adds a column and an index on it: undoing it needs every name filled. */
    static Migration nullableName() {
        return new Migration(new MigrationKey("lib", "0003_nullable_name"), List.of(new MigrationKey("lib",
                migrations().get(1).name())), List.of(
                new AlterField("author", Column.nullable("name", ColumnType.varchar(200))),
                new AddField("author", Column.nullable("born", ColumnType.of(ColumnType.Kind.INTEGER))),
                new AddIndex("author", Index.of("author_born_idx", List.of("born")))));
    }

    @AllEngines
    void anUnapplyStoppedHalfWayCanBeFinishedInEitherDirection(Scratch s) {
        Database db = s.db();
        List<Migration> ms = new java.util.ArrayList<>(migrations());
        ms.add(nullableName());
        String second = ms.get(1).key().toString();
        Migrator m = Migrator.builder(db, ms).build();
        m.migrate(Target.latest());
        db.sql("INSERT INTO author (name) VALUES ('ada')").execute();
        db.sql("INSERT INTO author (name, born) VALUES (NULL, 1815)").execute();
        Target back = Target.of("lib", ms.get(1).name());

        assertThatThrownBy(() -> m.migrate(back)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration lib.0003_nullable_name failed undoing operation 1 of 3 (Alter field "
                        + "name on author)");
        if (!Migrator.transactional(db)) {
            // MariaDB committed the undo of operations 3 and 2: the history says so, and the message counted right.
            assertThatThrownBy(() -> m.migrate(back)).hasMessage("migration lib.0003_nullable_name was interrupted "
                    + "after operation 1 of 3 (next: Add field born to author); operations 2..3 are not applied. Run "
                    + "`covet migrate --resume` to apply operations 2..3, or `covet migrate --rollback-partial` to undo "
                    + "operation 1; the target of that run then decides where it goes from there.");
            assertThat(m.status()).extracting(MigrationStatus::toString)
                    .contains("[~] lib.0003_nullable_name  (partially applied: 1 of 3 operations)");
            assertThat(MigratorTest.live(db).require("author").column("born")).isEmpty();

            // Forwards again: resume re-applies 2..3 and the migration is whole.
            Migrator resume = Migrator.builder(db, ms).onPartial(Migrator.OnPartial.RESUME).build();
            assertThat(resume.migrate(Target.latest()))
                    .containsExactly("Resumed lib.0003_nullable_name: applied operations 2..3");
            assertThat(Drift.differences(db, m)).isEmpty();
            assertThat(m.status()).allMatch(x -> x.applied() && !x.partial());

            // Backwards: the same failure, and rolling back without fixing the data fails again, saying so.
            assertThatThrownBy(() -> m.migrate(back)).hasMessageContaining("failed undoing operation 1 of 3");
            Migrator rollback = Migrator.builder(db, ms).onPartial(Migrator.OnPartial.ROLLBACK).build();
            assertThatThrownBy(() -> rollback.migrate(back)).hasMessageContaining("failed undoing operation 1 of 3")
                    .hasMessageContaining("so operation 1 of 3 stays applied (operations 2..3 were undone)");
            db.sql("UPDATE author SET name = 'unknown' WHERE name IS NULL").execute();
            assertThat(rollback.migrate(back)).first().isEqualTo("Rolled back the 1 applied operation(s) of "
                    + "lib.0003_nullable_name");
        } else {
            assertThatThrownBy(() -> m.migrate(back)).hasMessageContaining("Nothing of it was undone");
            assertThat(m.status()).allMatch(x -> x.applied() && !x.partial());
            assertThat(Drift.differences(db, m)).isEmpty();
            db.sql("UPDATE author SET name = 'unknown' WHERE name IS NULL").execute();
            m.migrate(back);
        }
        assertThat(m.status()).extracting(x -> x.key().toString() + "=" + x.applied())
                .containsExactly("lib.0001_initial=true", second + "=true", "lib.0003_nullable_name=false");
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(db.sql("SELECT name FROM author ORDER BY id").list(rs -> rs.getString(1)))
                .containsExactly("ada", "unknown");
    }

    /** The history an earlier version left after `DROP INDEX book_publisher_id_idx` failed on MariaDB. */
    @AllEngines
    void aMigrationRecordedPartialWithEveryOperationInRollsBack(Scratch s) {
        Database db = s.db();
        List<Migration> ms = migrations();
        Migration second = ms.get(1);
        int n = second.operations().size();
        Migrator m = Migrator.builder(db, ms).build();
        m.migrate(Target.latest());
        db.sql("INSERT INTO author (name) VALUES ('ada')").execute();
        db.sql("INSERT INTO book (headline, author_id) VALUES ('notes', 1)").execute();
        db.sql("UPDATE covet_migrations SET state = 'partial', ops_done = " + n + " WHERE name = ?", second.name())
                .execute();

        assertThatThrownBy(() -> m.migrate(Target.of("lib", "0001_initial"))).hasMessage("migration " + second.key()
                + " was interrupted with all " + n + " operations applied (an unapply stopped before undoing any). "
                + "Run `covet migrate --resume` to record it as applied (every operation is in), or `covet migrate "
                + "--rollback-partial` to undo operations " + n + "..1; the target of that run then decides where it "
                + "goes from there.");
        Migrator rollback = Migrator.builder(db, ms).onPartial(Migrator.OnPartial.ROLLBACK).build();
        assertThat(rollback.migrate(Target.of("lib", "0001_initial")))
                .containsExactly("Rolled back the " + n + " applied operation(s) of " + second.key());
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(books(db, "title")).containsExactly("ada/notes");
        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(books(db, "headline")).containsExactly("ada/notes");
    }

    @Test
    void anIndexThatAloneBacksAForeignKeyIsReplacedByTheKeysOwnWhereTheEngineNeedsOne() {
        Table book = v2().schema().require("book");
        Index idx = book.index("book_publisher_id_idx").orElseThrow();
        assertThat(SchemaDdl.of(Engine.MARIADB).dropIndex(book, idx)).containsExactly("ALTER TABLE `book` DROP INDEX "
                + "`book_publisher_id_idx`, ADD INDEX IF NOT EXISTS `book_publisher_id_fk` (`publisher_id`)");
        assertThat(SchemaDdl.of(Engine.POSTGRESQL).dropIndex(book, idx))
                .containsExactly("DROP INDEX \"book_publisher_id_idx\"");
        // Another index that begins with the key's columns serves it: a plain drop.
        Table two = book.withIndex(Index.of("book_publisher_id_pages_idx", List.of("publisher_id", "pages")));
        assertThat(SchemaDdl.of(Engine.MARIADB).dropIndex(two, idx))
                .containsExactly("DROP INDEX `book_publisher_id_idx` ON `book`");
        // The unique on (headline, author_id) does not begin with author_id, so nothing else backs that key.
        UniqueConstraint u = book.uniques().get(0);
        Table onlyU = new Table("book", book.columns(), book.primaryKey(), List.of(new UniqueConstraint(u.name(),
                List.of("author_id", "headline"))), List.of(), List.of(), book.foreignKeys());
        assertThat(SchemaDdl.of(Engine.MARIADB).dropUnique(onlyU, onlyU.without(u.name()), onlyU.uniques().get(0)))
                .containsExactly("ALTER TABLE `book` DROP INDEX `book_headline_author_id_uniq`, ADD INDEX IF NOT "
                        + "EXISTS `book_author_id_fk` (`author_id`)");
    }

    @Test
    void renamingAColumnRenamesItInChecksAndIndexConditions() {
        assertThat(Identifiers.rename("price >= 0 AND \"price\" < `price` AND price2 > 0 AND x = 'price'", "price",
                "cost")).isEqualTo("cost >= 0 AND \"cost\" < `cost` AND price2 > 0 AND x = 'price'");
        Table t = new Table("item", List.of(Column.autoIncrement("id", BIG), Column.of("price", BIG)), List.of("id"),
                List.of(), List.of(new io.covet.schema.CheckConstraint("item_price_check", "price >= 0")),
                List.of(new Index("item_price_idx", List.of("price"), false, "price > 10")), List.of());
        Table renamed = new RenameField("item", "price", "cost").apply(io.covet.schema.Schema.of(List.of(t)))
                .require("item");
        assertThat(renamed.checks().get(0).expression()).isEqualTo("cost >= 0");
        assertThat(renamed.indexes().get(0).where()).isEqualTo("cost > 10");
    }
}
