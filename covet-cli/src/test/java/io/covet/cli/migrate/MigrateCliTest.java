package io.covet.cli.migrate;

import io.covet.cli.CliRun;
import io.covet.cli.common.ExitCode;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

class MigrateCliTest {
    @AllEngines
    void makemigrationsMigrateShowDriftLintAndBack(Scratch s,
            @TempDir java.nio.file.Path dir) throws Exception {
        String d = dir.toString();
        String v1 = Models.V1.class.getName();
        String v2 = Models.V2.class.getName();
        CliRun make = covet("makemigrations", "--migrations", d, "--source", v1);
        assertThat(make.exit()).as(make.err()).isZero();
        assertThat(make.out()).contains("Migrations for 'lib':", "lib/0001_initial.json", "- Create model author");
        assertThat(covet("makemigrations", "--migrations", d, "--source", v1, "--check").out())
                .contains("No changes detected.");
        CliRun check = covet("makemigrations", "--migrations", d, "--source", v2, "--check");
        assertThat(check.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(check.out()).contains("Changes without a migration in 'lib':",
                "    - Rename field name on author to full_name");
        assertThat(check.err()).isEqualTo("covet: the models have changes without migrations in app(s) [lib]; run "
                + "`covet makemigrations` and commit the files" + System.lineSeparator());
        CliRun dry = covet("makemigrations", "--migrations", d, "--source", v2, "--dry-run", "--yes-renames");
        assertThat(dry.out()).contains("- Rename field name on author to full_name", "\"op\": \"RenameField\"");
        assertThat(dir.resolve("lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("0001"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("0002"));
        assertThat(covet("makemigrations", "--migrations", d, "--source", v2, "--yes-renames").exit()).isZero();
        String second = "0002_rename_name_author_and_more";

        CliRun sql = covet("sqlmigrate", "lib", second, "--migrations", d, "--engine", "postgresql");
        assertThat(sql.out()).contains("ALTER TABLE \"author\" RENAME COLUMN \"name\" TO \"full_name\";");
        assertThat(covet("sqlmigrate", "lib", second, "--migrations", d, "--engine", "mariadb", "--backwards").out())
                .contains("ALTER TABLE `author` RENAME COLUMN `full_name` TO `name`;");

        String url = s.url();
        CliRun plan = covet("migrate", "-d", url, "--migrations", d, "--plan");
        assertThat(plan.out()).contains("Apply lib.0001_initial", "Apply lib." + second);
        // Pending operations on tables that the pending migrations create themselves are safe.
        assertThat(covet("lintmigrations", "-d", url, "--migrations", d).exit()).isZero();
        assertThat(covet("migrate", "lib", "0001_initial", "-d", url, "--migrations", d).out())
                .contains("Applied lib.0001_initial");
        CliRun lint = covet("lintmigrations", "-d", url, "--migrations", d);
        assertThat(lint.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(lint.out()).contains("[drop-or-rename-breaks-old-release] Rename field name on author");
        CliRun migrate = covet("migrate", "-d", url, "--migrations", d);
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("Applied lib." + second);
        assertThat(covet("showmigrations", "-d", url, "--migrations", d).out())
                .contains("lib", " [X] 0001_initial", " [X] " + second);
        assertThat(covet("schema", "drift", "-d", url, "--migrations", d).exit()).isZero();
        s.db().sql("CREATE INDEX " + s.db().dialect().quote("by_hand") + " ON " + s.db().dialect().quote("book")
                + " (" + s.db().dialect().quote("author_id") + ")").execute();
        CliRun drift = covet("schema", "drift", "-d", url, "--migrations", d);
        assertThat(drift.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(drift.out()).contains("index book.by_hand: in the database but not in the migrations");

        CliRun zero = covet("migrate", "lib", "zero", "-d", url, "--migrations", d);
        assertThat(zero.exit()).as(zero.err()).isZero();
        assertThat(zero.out()).contains("Unapplied lib." + second, "Unapplied lib.0001_initial");
    }

    @AllEngines
    void failuresPartialsFakesAndEditsThroughTheCli(Scratch s,
            @TempDir java.nio.file.Path dir) throws Exception {
        String d = dir.toString();
        String url = s.url();
        assertThat(covet("makemigrations", "--migrations", d, "--source", Models.V1.class.getName()).exit()).isZero();
        io.covet.migrate.MigrationFiles.write(dir, new io.covet.migrate.Migration(
                new io.covet.migrate.MigrationKey("lib", "0002_bad"),
                java.util.List.of(new io.covet.migrate.MigrationKey("lib", "0001_initial")), java.util.List.of(
                new io.covet.migrate.AddField("author", io.covet.schema.Column.nullable("note", Models.BIG)),
                new io.covet.migrate.RunSql(java.util.List.of("INSERT INTO nowhere VALUES (1)"), java.util.List.of()))));
        CliRun failed = covet("migrate", "-d", url, "--migrations", d);
        assertThat(failed.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(failed.err()).startsWith("covet: migration lib.0002_bad failed at operation 2 of 2 (Raw SQL")
                .hasLineCount(1);
        if (s.engine() == io.covet.core.engine.Engine.MARIADB) {
            assertThat(covet("showmigrations", "-d", url, "--migrations", d).out())
                    .contains("[~] 0002_bad  (partially applied: 1 of 2 operations)");
            CliRun again = covet("migrate", "-d", url, "--migrations", d);
            assertThat(again.err()).startsWith("covet: migration lib.0002_bad was interrupted after operation 1 of 2");
            CliRun back = covet("migrate", "lib", "0001_initial", "--rollback-partial", "-d", url, "--migrations", d);
            assertThat(back.exit()).as(back.err()).isZero();
            assertThat(back.out()).contains("Rolled back the 1 applied operation(s) of lib.0002_bad");
        }
        assertThat(covet("showmigrations", "-d", url, "--migrations", d).out()).contains("[X] 0001_initial",
                "[ ] 0002_bad");
        CliRun fake = covet("migrate", "-d", url, "--migrations", d, "--fake");
        assertThat(fake.out()).contains("Applied lib.0002_bad (fake)");
        assertThat(covet("schema", "drift", "-d", url, "--migrations", d).out())
                .contains("column author.note: missing from the database");
        Files.writeString(dir.resolve("lib/0002_bad.json"), Files.readString(dir.resolve("lib/0002_bad.json"))
                .replace("nowhere", "elsewhere"));
        CliRun edited = covet("migrate", "-d", url, "--migrations", d);
        assertThat(edited.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(edited.err()).startsWith("covet: applied migration(s) lib.0002_bad were edited after they were "
                + "applied");
        assertThat(covet("migrate", "-d", url, "--migrations", d, "--accept-edited").exit()).isZero();
    }

    @Test
    void makemigrationsReadsTheModelsOfAnOrm(@TempDir java.nio.file.Path dir) throws Exception {
        CliRun r = covet("makemigrations", "--migrations", dir.toString(), "--source", ShopOrm.class.getName());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Migrations for 'shop':", "- Create model");
        assertThat(covet("makemigrations", "--migrations", dir.toString(), "--source", ShopOrm.class.getName(),
                "--check").exit()).isZero();
        CliRun bad = covet("makemigrations", "--migrations", dir.toString(), "--source", "java.lang.String");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).startsWith("covet: --source java.lang.String is neither a SchemaSource nor a Supplier<Orm>");
    }

    @Test
    void badInputIsOneLineWithExitTwo(@TempDir java.nio.file.Path dir) throws Exception {
        CliRun r = covet("makemigrations", "--migrations", dir.toString(), "--yes-renames", "--no-renames");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("covet: --yes-renames and --no-renames contradict each other; pick one"
                + System.lineSeparator() + "Try 'covet makemigrations --help' for usage.");
        CliRun noSource = covet("makemigrations", "--migrations", dir.toString());
        assertThat(noSource.exit()).isEqualTo(ExitCode.USAGE);
        CliRun wait = covet("migrate", "-d", "sqlite:" + dir.resolve("x.db"), "--migrations", dir.toString(),
                "--lock-timeout", "soon");
        assertThat(wait.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(wait.err()).contains("--lock-timeout 'soon' is not a duration");
    }
}
