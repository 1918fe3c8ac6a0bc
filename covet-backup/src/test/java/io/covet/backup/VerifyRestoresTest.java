package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
            VerifyReport v = Backups.verifyByRestore(repo, b.id(), null, db);
            assertThat(v.problems()).isEmpty();
            assertThat(v.restored()).isTrue();
            assertThat(v.restoredInto()).contains(s.engine().displayName());
            assertThat(v.summary()).startsWith("intact: 2 tables, 6 rows restored into");
            if (s.engine().family() != Engine.SQLITE) {
                String list = s.engine().family() == Engine.POSTGRESQL
                        ? "SELECT datname FROM pg_database WHERE datname LIKE 'covet\\_verify\\_%'"
                        : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'covet\\_verify\\_%'";
                assertThat(db.sql(list).list(rs -> rs.getString(1))).isEmpty();
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
            }
        }
    }
}
