package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Verify means restored into the same engine and compared; checks without a restore never say "intact". */
class VerifyRestoresTest {
    @TempDir
    Path dir;

    @AllEngines
    void verifyRestoresIntoATemporaryDatabaseOfTheSameEngineAndDropsIt(Scratch s) throws Exception {
        Database db = s.db();
        NativeObjectsTest.create(db);
        try (BackupRepository repo = BackupRepository.open(dir.toString())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            List<String> progress = new java.util.ArrayList<>();
            VerifyReport v = Backups.verifyByRestore(repo, b.id(), null, db,
                    (table, index, count, rows) -> progress.add(index + "/" + count + " " + table + " " + rows));
            assertThat(v.problems()).isEmpty();
            assertThat(progress).hasSize(2).allMatch(line -> line.matches("[01]/2 \\S+ \\d+"));
            assertThat(progress.stream().mapToLong(line -> Long.parseLong(line.replaceAll(".* ", ""))).sum())
                    .isEqualTo(v.rows());
            assertThat(v.restored()).isTrue();
            assertThat(v.restoredInto()).contains(s.engine().displayName());
            assertThat(v.summary()).startsWith("intact: 2 tables, 6 rows restored into");
            if (s.engine().family() != Engine.SQLITE) {
                assertThat(temporaryDatabases(db)).isEmpty();
            }
        }
    }

    @Test
    void withoutAPlaceToRestoreOnlyChecksumsAreVerifiedAndSaidSo() throws Exception {
        try (Scratch s = Scratch.on(Engine.MARIADB); BackupRepository repo = BackupRepository.open(dir.toString())) {
            NativeObjectsTest.create(s.db());
            BackupInfo b = Backups.create(s.db(), repo, BackupOptions.defaults());
            VerifyReport v = Backups.verify(repo, b.id(), null, VerifyReport.Mode.RESTORE);
            assertThat(v.intact()).isTrue();
            assertThat(v.restored()).isFalse();
            assertThat(v.summary()).startsWith("checksums verified, not restored").doesNotContain("intact");
        }
    }

    @Test
    void aBackupThatCannotBeRestoredFailsVerificationNamingTheObject() throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.POSTGRESQL); BackupRepository repo = BackupRepository.open(dir.toString())) {
            src.db().sql("CREATE SCHEMA lib").execute();
            src.db().sql("CREATE SCHEMA app").execute();
            src.db().sql("CREATE EXTENSION citext SCHEMA lib").execute();
            src.db().sql("CREATE TABLE app.item (id integer PRIMARY KEY, name lib.citext)").execute();
            src.db().sql("INSERT INTO app.item VALUES (1, 'A')").execute();
            // pinned to app: the extension type it uses lives in lib, which a fresh database does not have
            try (Database app = Database.open(src.url() + "?currentSchema=app")) {
                BackupInfo b = Backups.create(app, repo, BackupOptions.defaults());
                assertThat(b.notCarried()).singleElement().asString().startsWith("extension citext (must exist");
                VerifyReport v = Backups.verifyByRestore(repo, b.id(), null, app);
                assertThat(v.intact()).isFalse();
                assertThat(v.restored()).isTrue();
                assertThat(v.problems()).singleElement().asString().contains("TABLE app.item", "lib");
                assertThat(v.summary()).startsWith("damaged: ");
                // the failed restore's temporary database is gone too
                assertThat(temporaryDatabases(app)).isEmpty();
            }
        }
    }

    /** Verify's temporary databases left on the server of {@code db}. */
    static List<String> temporaryDatabases(Database db) {
        String list = db.engine().family() == Engine.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE '\\_\\_covet\\_verify\\_%'"
                : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '\\_\\_covet\\_verify\\_%'";
        return db.sql(list).list(rs -> rs.getString(1));
    }

    @Test
    void aUserWhoMayNotCreateDatabasesGetsChecksumsVerifiedNotRestoredOnEachServer() throws Exception {
        for (Engine engine : List.of(Engine.POSTGRESQL, Engine.MARIADB)) {
            try (FreshDatabase src = new FreshDatabase(engine);
                 BackupRepository repo = BackupRepository.open(dir.resolve(engine.scheme()).toString());
                 LimitedUser user = new LimitedUser(src)) {
                NativeObjectsTest.create(src.db());
                BackupInfo b = Backups.create(src.db(), repo, BackupOptions.defaults());
                try (Database limited = user.open()) {
                    VerifyReport v = Backups.verifyByRestore(repo, b.id(), null, limited);
                    assertThat(v.intact()).as(engine.displayName()).isTrue();
                    assertThat(v.restored()).isFalse();
                    assertThat(v.notRestored()).contains("cannot create a temporary database");
                    assertThat(v.summary()).startsWith("checksums verified, not restored").doesNotContain("intact");
                }
                assertThat(temporaryDatabases(src.db())).isEmpty();
            }
        }
    }

    /** A login on a fresh database's server that may read that database but not create databases; dropped on close. */
    static final class LimitedUser implements AutoCloseable {
        private static final String PASSWORD = "limited-Pw-1";
        private final FreshDatabase db;
        private final String name = "covet_nocreate_" + ProcessHandle.current().pid();

        LimitedUser(FreshDatabase db) {
            this.db = db;
            if (db.db().engine().family() == Engine.POSTGRESQL) {
                db.db().sql("DROP ROLE IF EXISTS " + name).execute();
                db.db().sql("CREATE ROLE " + name + " LOGIN NOCREATEDB PASSWORD '" + PASSWORD + "'").execute();
                db.db().sql("GRANT USAGE ON SCHEMA public TO " + name).execute();
                db.db().sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + name).execute();
            } else {
                db.db().sql("DROP USER IF EXISTS " + name + "@localhost").execute();
                db.db().sql("CREATE USER " + name + "@localhost IDENTIFIED BY '" + PASSWORD + "'").execute();
                db.db().sql("GRANT SELECT ON " + db.name() + ".* TO " + name + "@localhost").execute();
            }
        }

        /** The fresh database opened as this user. */
        Database open() {
            io.covet.core.DatabaseUrl url = io.covet.core.DatabaseUrl.parse(db.url()).withCredentials(name, PASSWORD);
            return Database.open(io.covet.core.DatabaseConfig.builder("limited").url(url).build());
        }

        /** The fresh database's URL as this user. */
        String url() {
            return db.url().replaceFirst("//[^@/]*@", "//" + name + ":" + PASSWORD + "@");
        }

        @Override
        public void close() {
            if (db.db().engine().family() == Engine.POSTGRESQL) {
                db.db().sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + name).execute();
                db.db().sql("REVOKE ALL ON SCHEMA public FROM " + name).execute();
                db.db().sql("DROP ROLE IF EXISTS " + name).execute();
            } else {
                db.db().sql("DROP USER IF EXISTS " + name + "@localhost").execute();
            }
        }
    }
}
