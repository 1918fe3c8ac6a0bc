package io.covet.cli.backup;

import io.covet.cli.CliRun;
import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code covet backup verify}: "intact" only after a real restore; a restore that fails exits 1 naming the object. */
class BackupVerifyCliTest {
    @TempDir
    Path dir;

    @Test
    void verifyWithoutAPlaceToRestoreSaysSoAndARestoreThatFailsExitsOneNamingTheObject() throws Exception {
        String repo = dir.resolve("repo").toString();
        try (Scratch src = Scratch.on(Engine.MARIADB); Scratch sqlite = Scratch.on(Engine.SQLITE);
             Scratch maria = Scratch.on(Engine.MARIADB)) {
            src.db().sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(20))").execute();
            src.db().sql("CREATE VIEW named_item AS SELECT id, name FROM item WHERE name IS NOT NULL").execute();
            src.db().sql("INSERT INTO item VALUES (1, 'a'), (2, NULL)").execute();
            CliRun create = covet("backup", "create", "--database", src.url(), "--repo", repo);
            assertThat(create.exit()).as(create.err()).isZero();
            String id = create.lastLine();

            CliRun checksums = covet("backup", "verify", id, "--repo", repo);
            assertThat(checksums.exit()).as(checksums.err()).isZero();
            assertThat(checksums.out()).contains("checksums verified, not restored").doesNotContain("intact");

            // a MariaDB view cannot be created by a restore into SQLite (another engine's SQL): exit 1, named
            CliRun failed = covet("backup", "verify", id, "--repo", repo, "--restore-into", sqlite.url());
            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.err()).contains("view named_item");

            CliRun restored = covet("backup", "verify", id, "--repo", repo, "--restore-into", maria.url());
            assertThat(restored.exit()).as(restored.err()).isZero();
            assertThat(restored.out()).contains("is intact", "test restore into the scratch MariaDB database");
        }
    }

    @Test
    void withADatabaseServerVerifyRestoresIntoATemporaryDatabaseAndDropsItOrSaysWhyNot() throws Exception {
        for (Engine engine : java.util.List.of(Engine.MARIADB, Engine.POSTGRESQL)) {
            String repo = dir.resolve("repo-" + engine.scheme()).toString();
            try (Scratch src = Scratch.on(engine)) {
                src.db().sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(20))").execute();
                src.db().sql("INSERT INTO item VALUES (1, 'a'), (2, NULL)").execute();
                CliRun create = covet("backup", "create", "--database", src.url(), "--repo", repo, "--no-encryption");
                assertThat(create.exit()).as(create.err()).isZero();
                String id = create.lastLine();

                CliRun restored = covet("backup", "verify", id, "--repo", repo, "--database", src.url());
                assertThat(restored.exit()).as(restored.err()).isZero();
                assertThat(restored.out()).contains("is intact",
                        "test restore into a temporary " + engine.displayName() + " database");
                assertThat(temporaryDatabases(src)).isEmpty();

                String user = "covet_cli_nocreate_" + ProcessHandle.current().pid();
                String password = "limited-Pw-2";
                try {
                    if (engine == Engine.POSTGRESQL) {
                        src.db().sql("CREATE ROLE " + user + " LOGIN NOCREATEDB PASSWORD '" + password + "'").execute();
                    } else {
                        src.db().sql("CREATE USER " + user + "@localhost IDENTIFIED BY '" + password + "'").execute();
                        src.db().sql("GRANT SELECT ON " + io.covet.core.DatabaseUrl.parse(src.url()).database() + ".* TO "
                                + user + "@localhost").execute();
                    }
                    String limited = src.url().replaceFirst("//[^@/]*@", "//" + user + ":" + password + "@");
                    CliRun checksums = covet("backup", "verify", id, "--repo", repo, "--database", limited);
                    assertThat(checksums.exit()).as(checksums.err()).isZero();
                    assertThat(checksums.out()).contains("checksums verified, not restored",
                            "cannot create a temporary database").doesNotContain("intact");
                } finally {
                    src.db().sql(engine == Engine.POSTGRESQL ? "DROP ROLE IF EXISTS " + user
                            : "DROP USER IF EXISTS " + user + "@localhost").execute();
                }
            }
        }
    }

    private static java.util.List<String> temporaryDatabases(Scratch s) {
        String list = s.engine() == Engine.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE '\\_\\_covet\\_verify\\_%'"
                : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '\\_\\_covet\\_verify\\_%'";
        return s.db().sql(list).list(rs -> rs.getString(1));
    }
}
