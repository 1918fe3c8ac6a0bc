package io.covet.backup;

import io.covet.backup.BackupOptions.SchemaSource;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL backups whose schema is written by Covet's own catalog reader (as where pg_dump is not installed):
 * a backup of the connection's current schema restores into another schema, what the reader cannot write is named
 * at backup and at restore, and objects left out take what is on them along.
 */
class CatalogSchemaSourceTest {
    @TempDir
    Path dir;

    private static BackupOptions.Builder catalog() {
        return BackupOptions.builder().schemaSource(SchemaSource.CATALOG);
    }

    @Test
    void theCurrentSchemaAloneRestoresIntoAnotherSchemaWithItsTypesFunctionsAndPositions() throws Exception {
        try (Scratch src = Scratch.on(Engine.POSTGRESQL); Scratch dst = Scratch.on(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database db = src.db();
            db.sql("CREATE TYPE mood AS ENUM ('sad', 'happy')").execute();
            db.sql("CREATE FUNCTION double_it(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x * 2'").execute();
            db.sql("CREATE TABLE item (id serial PRIMARY KEY, feeling mood NOT NULL DEFAULT 'happy', "
                    + "n integer CHECK (double_it(n) < 100 OR n IS NULL))").execute();
            db.sql("CREATE VIEW item_doubled AS SELECT id, double_it(n) AS d FROM item").execute();
            db.sql("CREATE MATERIALIZED VIEW item_count AS SELECT count(*) AS c FROM item").execute();
            db.sql("INSERT INTO item (n) VALUES (1), (2), (3)").execute();
            db.sql("DELETE FROM item WHERE id = 3").execute();
            db.sql("REFRESH MATERIALIZED VIEW item_count").execute();

            BackupInfo b = Backups.create(db, repo, catalog().build());
            assertThat(b.notCarried()).isEmpty();
            assertThat(Files.readString(dir.resolve("backups/" + b.id() + "/manifest.json")))
                    .contains("\"schemaSource\" : \"covet catalog (PostgreSQL 15", "; asked for)");
            RestoreReport r = Backups.restore(repo, b.id(), null, dst.db(), RestoreOptions.builder().build());
            assertThat(r.warnings()).isEmpty();

            Database t = dst.db();
            assertThat(strings(t, "SELECT id || ':' || d FROM item_doubled ORDER BY id")).containsExactly("1:2", "2:4");
            assertThat(strings(t, "SELECT c::text FROM item_count")).containsExactly("2");
            t.sql("INSERT INTO item (n) VALUES (4)").execute();
            assertThat(strings(t, "SELECT id || ':' || feeling FROM item WHERE n = 4")).containsExactly("4:happy");
            assertThatThrownBy(() -> t.sql("INSERT INTO item (n) VALUES (60)").execute())
                    .hasMessageContaining("item_n_check");
            // everything landed in the target's schema, nothing in the source's
            String home = strings(t, "SELECT current_schema()").get(0);
            assertThat(strings(t, "SELECT n.nspname FROM pg_type y JOIN pg_namespace n ON n.oid = y.typnamespace "
                    + "WHERE y.typname = 'mood' ORDER BY 1")).contains(home).hasSize(2);
            assertThat(strings(t, "SELECT pg_get_viewdef('item_doubled'::regclass)").get(0)).doesNotContain(
                    strings(db, "SELECT current_schema()").get(0));
        }
    }

    @Test
    void whatTheReaderCannotWriteIsNamedAtBackupAndAtRestore() throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.POSTGRESQL); FreshDatabase dst = new FreshDatabase(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database db = src.db();
            db.sql("CREATE TABLE item (id integer PRIMARY KEY, n integer)").execute();
            db.sql("CREATE AGGREGATE my_sum(integer) (sfunc = int4pl, stype = integer)").execute();
            db.sql("INSERT INTO item VALUES (1, 5), (2, 6)").execute();

            BackupInfo b = Backups.create(db, repo, catalog().build());
            assertThat(b.notCarried()).singleElement().asString().contains("aggregate public.my_sum(integer)");
            RestoreReport r = Backups.restore(repo, b.id(), null, dst.db(), RestoreOptions.builder().build());
            assertThat(r.warnings()).singleElement().asString().contains("my_sum");
            assertThat(strings(dst.db(), "SELECT sum(n)::text FROM item")).containsExactly("11");
        }
    }

    @Test
    void anObjectUsingWhatTheReaderCannotWriteIsRefusedBeforeWritingAnything() throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database db = src.db();
            db.sql("CREATE TABLE item (id integer PRIMARY KEY, n integer)").execute();
            db.sql("CREATE AGGREGATE my_sum(integer) (sfunc = int4pl, stype = integer)").execute();
            db.sql("CREATE VIEW total AS SELECT my_sum(n) AS s FROM item").execute();
            assertThatThrownBy(() -> Backups.create(db, repo, catalog().build()))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("view public.total uses aggregate public.my_sum(integer)")
                    .hasMessageContaining("take the schema with pg_dump")
                    .hasMessageContaining("nothing was written");
            assertThat(Backups.list(repo)).isEmpty();
            // pg_dump writes the aggregate, so the default source takes the same database
            assertThat(Backups.create(db, repo, BackupOptions.defaults()).notCarried()).isEmpty();
        }
    }

    @Test
    void aRelationLeftOutTakesItsIndexesTriggersAndSequenceAlong() throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.POSTGRESQL); FreshDatabase dst = new FreshDatabase(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database db = src.db();
            db.sql("CREATE SCHEMA app").execute();
            db.sql("CREATE TABLE app.item (id serial PRIMARY KEY, name text)").execute();
            db.sql("CREATE INDEX item_name ON app.item (name)").execute();
            db.sql("CREATE TABLE app.note (id integer PRIMARY KEY, body text)").execute();
            db.sql("INSERT INTO app.note VALUES (1, 'kept')").execute();

            BackupInfo b = Backups.create(db, repo, catalog().schemas(List.of("app")).skip(List.of("app.item")).build());
            assertThat(b.notCarried()).containsExactly("table app.item (left out on request)");
            Backups.restore(repo, b.id(), null, dst.db(), RestoreOptions.builder().build());
            assertThat(strings(dst.db(), "SELECT body FROM app.note")).containsExactly("kept");
            assertThat(strings(dst.db(), "SELECT count(*)::text FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relname LIKE 'item%'")).containsExactly("0");
        }
    }

    /**
     * Leaving out a table that a view, another table's foreign key or a partition depends on is refused before
     * anything is written, naming each of them, with either schema source; leaving those out too is accepted.
     */
    @Test
    void leavingOutATableOthersDependOnIsRefusedNamingThem() throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.POSTGRESQL); FreshDatabase dst = new FreshDatabase(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database db = src.db();
            db.sql("CREATE TABLE author (id integer PRIMARY KEY, name text)").execute();
            db.sql("CREATE INDEX author_name ON author (name)").execute();
            db.sql("CREATE TABLE book (id integer PRIMARY KEY, author_id integer REFERENCES author (id))").execute();
            db.sql("CREATE VIEW author_names AS SELECT name FROM author").execute();
            db.sql("CREATE TABLE shelf (id integer PRIMARY KEY, label text)").execute();
            db.sql("INSERT INTO shelf VALUES (1, 'kept')").execute();
            for (BackupOptions.Builder options : List.of(BackupOptions.builder(), catalog())) {
                assertThatThrownBy(() -> Backups.create(db, repo, options.skip(List.of("author")).build()))
                        .isInstanceOf(BackupException.class)
                        .hasMessageContaining("view public.author_names")
                        .hasMessageContaining("constraint book_author_id_fkey on table book uses table author")
                        .hasMessageContaining("Keep what they use, or leave them out with --skip public.book "
                                + "--skip public.author_names")
                        .hasMessageContaining("nothing was written")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("author_name ")
                                .doesNotContain("author_pkey"));
                assertThat(Backups.list(repo)).isEmpty();
            }
            BackupInfo b = Backups.create(db, repo, BackupOptions.builder()
                    .skip(List.of("author", "author_names", "book")).build());
            Backups.restore(repo, b.id(), null, dst.db(), RestoreOptions.builder().build());
            assertThat(strings(dst.db(), "SELECT label FROM shelf")).containsExactly("kept");
            assertThat(strings(dst.db(), "SELECT count(*)::text FROM pg_class WHERE relname IN "
                    + "('author', 'book', 'author_names')")).containsExactly("0");
        }
    }

    /**
     * The default source on a machine without pg_dump: the backup runs in a child JVM whose PATH holds no pg_dump,
     * takes the schema from the catalog reader and says why in the manifest; the restore reproduces it. The same
     * database with pg_dump on the PATH uses pg_dump, so the test sees the difference.
     */
    @Test
    void withoutPgDumpTheDefaultSourceFallsBackToTheCatalogAndSaysWhy() throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.POSTGRESQL); FreshDatabase dst = new FreshDatabase(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.resolve("repo").toString())) {
            Database db = src.db();
            db.sql("CREATE TYPE mood AS ENUM ('sad', 'happy')").execute();
            db.sql("CREATE TABLE item (id serial PRIMARY KEY, feeling mood NOT NULL DEFAULT 'happy', n integer)")
                    .execute();
            db.sql("CREATE VIEW happy_items AS SELECT id, n FROM item WHERE feeling = 'happy'").execute();
            db.sql("INSERT INTO item (feeling, n) VALUES ('sad', 1), ('happy', 2)").execute();

            Path noTools = Files.createDirectories(dir.resolve("empty-bin"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), BackupInChild.class.getName(), src.url(),
                    dir.resolve("repo").toString()).redirectErrorStream(true);
            pb.environment().put("PATH", noTools.toString());
            Process child = pb.start();
            String out = new String(child.getInputStream().readAllBytes());
            assertThat(child.waitFor()).as(out).isZero();
            String id = out.lines().filter(l -> l.startsWith("backup ")).findFirst().orElseThrow().substring(7);
            assertThat(Files.readString(dir.resolve("repo/backups/" + id + "/manifest.json")))
                    .contains("\"schemaSource\" : \"covet catalog (PostgreSQL 15", "pg_dump is not installed");

            RestoreReport r = Backups.restore(repo, id, null, dst.db(), RestoreOptions.builder().build());
            assertThat(r.warnings()).isEmpty();
            assertThat(strings(dst.db(), "SELECT id || ':' || n FROM happy_items")).containsExactly("2:2");
            dst.db().sql("INSERT INTO item (n) VALUES (3)").execute();
            assertThat(strings(dst.db(), "SELECT feeling::text FROM item WHERE n = 3")).containsExactly("happy");

            BackupInfo withTool = Backups.create(db, repo, BackupOptions.defaults());
            assertThat(Files.readString(dir.resolve("repo/backups/" + withTool.id() + "/manifest.json")))
                    .contains("\"schemaSource\" : \"pg_dump").doesNotContain("pg_dump is not installed");
        }
    }

    /** The child JVM of {@link #withoutPgDumpTheDefaultSourceFallsBackToTheCatalogAndSaysWhy}: a default backup. */
    static final class BackupInChild {
        public static void main(String[] args) throws Exception {
            try (Database db = Database.open(io.covet.core.DatabaseConfig.builder("src", args[0]).build());
                 BackupRepository repo = BackupRepository.open(args[1])) {
                System.out.println("backup " + Backups.create(db, repo, BackupOptions.defaults()).id());
            }
        }
    }

    static List<String> strings(Database db, String sql) {
        return db.sql(sql).list(rs -> rs.getString(1));
    }
}
