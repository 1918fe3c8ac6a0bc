package io.covet.cli.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.cli.CliRun;
import io.covet.cli.common.TerminalProgress;
import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup verify}, {@code backup restore} and {@code inspectdb} draw a progress bar only on a terminal: run
 * with standard error captured (as by a script or this build, where it is a pipe), their output is exactly the text
 * or JSON they print without one, and standard error stays empty.
 */
class ProgressOffTheTerminalCliTest {

    @AllEngines
    void verifyRestoreAndInspectdbPrintNoBarWhenStderrIsNotATerminal(Scratch target, @TempDir Path dir)
            throws Exception {
        try (TerminalProgress bar = TerminalProgress.start("check", 3, false)) {
            assertThat(bar.visible()).as("stderr of the test JVM is a pipe").isFalse();
        }
        String src = "sqlite:" + dir.resolve("src.db");
        try (Database db = Database.open(src)) {
            db.sql("CREATE TABLE shelf (id INTEGER PRIMARY KEY, label TEXT NOT NULL)").execute();
            db.sql("CREATE TABLE volume (id INTEGER PRIMARY KEY, title TEXT NOT NULL)").execute();
            db.sql("INSERT INTO shelf VALUES (1, 'a'), (2, 'b')").execute();
            db.sql("INSERT INTO volume VALUES (1, 'x')").execute();
        }
        String repo = dir.resolve("repo").toString();
        CliRun create = covet("backup", "create", "-d", src, "--repo", repo, "--no-encryption");
        assertThat(create.exit()).as(create.err()).isZero();
        String id = create.lastLine();

        CliRun verify = covet("backup", "verify", id, "--repo", repo);
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.err()).isEmpty();
        assertThat(verify.out().strip().lines()).hasSize(1).first().asString()
                .startsWith("backup " + id + " is intact: 2 tables, 3 rows checked");
        CliRun verifyJson = covet("backup", "verify", id, "--repo", repo, "--fast", "--json");
        assertThat(verifyJson.err()).isEmpty();
        JsonNode v = new ObjectMapper().readTree(verifyJson.out());
        assertThat(v.get("rows").asLong()).isEqualTo(3);

        CliRun restore = covet("backup", "restore", id, "-d", target.url(), "--repo", repo);
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.err()).isEmpty();
        assertThat(restore.out().strip().lines().toList()).containsExactly("restored shelf: 2 rows",
                "restored volume: 1 rows", "restored backup " + id + ": 2 tables, 3 rows");

        String url = target.engine() == io.covet.core.engine.Engine.SQLITE ? "sqlite:" + target.db()
                .sql("PRAGMA database_list").list().get(0).getString("file") : target.url();
        CliRun inspect = covet("inspectdb", "-d", url, "--package", "p");
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.err().strip()).isEqualTo("covet: 2 model(s) from 2 table(s)");
        assertThat(inspect.out().lines().filter(l -> l.startsWith("// ")).toList())
                .isEqualTo(List.of("// Shelf.java", "// Volume.java"));
    }
}
