package io.covet.cli.migrate;

import io.covet.cli.CliRun;
import io.covet.cli.common.ExitCode;
import io.covet.cli.common.TerminalProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code --json} forms of the migration commands scripts read, and no progress bar when stderr is not a
 * terminal (as under the build, where it is a pipe). Output format only, so SQLite alone.
 */
class JsonOutputCliTest {
    @Test
    void migrateShowmigrationsDriftAndLintmigrationsPrintOneJsonObject(@TempDir Path dir) {
        String d = dir.toString();
        String url = "sqlite:" + dir.resolve("app.db");
        assertThat(covet("makemigrations", "--migrations", d, "--source", Models.V1.class.getName()).exit()).isZero();

        CliRun plan = covet("migrate", "-d", url, "--migrations", d, "--plan", "--json");
        assertThat(plan.out().strip()).startsWith("{\"plan\":[\"Apply lib.0001_initial\"").endsWith("]}");
        CliRun before = covet("showmigrations", "-d", url, "--migrations", d, "--json");
        assertThat(before.exit()).isEqualTo(ExitCode.USAGE); // a SQLite file that does not exist yet
        CliRun migrate = covet("migrate", "-d", url, "--migrations", d, "--json");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out().strip()).matches("\\{\"applied\":\\[\"Applied lib\\.0001_initial in \\d+ ms\"]}");
        assertThat(migrate.err()).isEmpty();
        CliRun show = covet("showmigrations", "-d", url, "--migrations", d, "--json");
        assertThat(show.out().strip()).startsWith("{\"migrations\":[{\"app\":\"lib\",\"name\":\"0001_initial\","
                + "\"applied\":true,\"partial\":false,\"edited\":false,\"appliedAt\":");
        CliRun again = covet("migrate", "-d", url, "--migrations", d, "--json");
        assertThat(again.out().strip()).isEqualTo("{\"applied\":[]}");
        CliRun drift = covet("schema", "drift", "-d", url, "--migrations", d, "--json");
        assertThat(drift.exit()).as(drift.err()).isZero();
        assertThat(drift.out().strip()).isEqualTo("{\"differences\":[]}");
        CliRun lint = covet("lintmigrations", "--migrations", d, "--engine", "postgresql", "--json");
        assertThat(lint.out().strip()).startsWith("{\"findings\":[");
        assertThat(lint.exit()).isEqualTo(lint.out().contains("\"rule\"") ? ExitCode.CHECK_FAILED : ExitCode.OK);
    }

    @Test
    void noProgressBarWhenStderrIsNotATerminal() {
        try (TerminalProgress bar = TerminalProgress.start("test", 10, false)) {
            assertThat(bar.visible()).isFalse();
        }
    }
}
