package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real separate JVMs: the migration lock, and a migration killed between two operations. */
class TwoProcessTest {

    static Process start(String url, Path dir, boolean halt) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildMigrate.class.getName(), url, dir.toString());
        pb.redirectErrorStream(true);
        pb.environment().put("COVET_TEST_HALT", halt ? "1" : "0");
        return pb.start();
    }

    static String finish(Process p) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.exitValue() + ":" + out.lines().filter(l -> l.startsWith("APPLIED") || l.startsWith("FAILED"))
                .findFirst().orElse(out);
    }

    @AllEngines
    void twoConcurrentRunsApplyOnceAndTheSecondFindsNothingToDo(Scratch s,
            @TempDir java.nio.file.Path dir) throws Exception {
        Migration slow = new Migration(new MigrationKey("shop", "0002_slow"), List.of(Shop.m1().key()),
                List.of(new RunJava(Steps.Slow.class.getName()),
                        new AddField("customer", Column.nullable("note", Shop.INT))));
        MigrationFiles.write(dir, Shop.m1());
        MigrationFiles.write(dir, slow);
        String url = s.url();
        Process a = start(url, dir, false);
        Process b = start(url, dir, false);
        List<String> results = new ArrayList<>(List.of(finish(a), finish(b)));
        results.sort(null);
        assertThat(results).containsExactly("0:APPLIED 0", "0:APPLIED 2");
        Database db = s.db();
        assertThat(db.sql("SELECT name FROM covet_migrations").list()).hasSize(2);
        if (s.engine() == Engine.SQLITE) {
            // the lock file lives only while a run holds the lock
            assertThat(Path.of(url.substring("sqlite:".length()) + ".migrate-lock")).doesNotExist();
        }
    }

    @AllEngines
    void migrationKilledBetweenOperationsIsDetectedAndResumed(Scratch s,
            @TempDir java.nio.file.Path dir) throws Exception {
        Migration killed = new Migration(new MigrationKey("shop", "0002_killed"), List.of(Shop.m1().key()), List.of(
                new AddField("customer", Column.nullable("a", Shop.INT)),
                new RunJava(Steps.Halt.class.getName()),
                new AddField("customer", Column.nullable("b", Shop.INT))));
        MigrationFiles.write(dir, Shop.m1());
        MigrationFiles.write(dir, killed);
        Process p = start(s.url(), dir, true);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);

        Database db = s.db();
        List<Migration> ms = MigrationFiles.load(dir);
        Migrator m = Migrator.builder(db, ms).build();
        if (s.engine() == Engine.MARIADB) {
            // MariaDB committed operation 1; the history says exactly how far it got.
            assertThat(MigratorTest.live(db).require("customer").column("a")).isPresent();
            assertThatThrownBy(() -> m.migrate(Target.latest())).isInstanceOf(MigrationException.class)
                    .hasMessage("migration shop.0002_killed was interrupted after operation 1 of 3 (next: Run Java "
                            + Steps.Halt.class.getName() + "); operations 2..3 are not applied. Run `covet migrate "
                            + "--resume` to apply operations 2..3, or `covet migrate --rollback-partial` to undo "
                            + "operation 1; the target of that run then decides where it goes from there.");
            assertThat(m.status()).extracting(MigrationStatus::toString)
                    .contains("[~] shop.0002_killed  (partially applied: 1 of 3 operations)");
            List<String> done = Migrator.builder(db, ms).onPartial(Migrator.OnPartial.RESUME).build()
                    .migrate(Target.latest());
            assertThat(done).containsExactly("Resumed shop.0002_killed: applied operations 2..3");
        } else {
            // One transaction: the kill rolled all of it back, so the next run simply applies it.
            assertThat(MigratorTest.live(db).require("customer").column("a")).isEmpty();
            assertThat(m.status()).extracting(MigrationStatus::applied).containsExactly(true, false);
            assertThat(m.migrate(Target.latest())).hasSize(1);
        }
        MigratorTest.assertMatches(db, new MigrationGraph(ms, java.util.Set.of()), k -> true);
        assertThat(m.status()).allMatch(x -> x.applied() && !x.partial());
    }
}
