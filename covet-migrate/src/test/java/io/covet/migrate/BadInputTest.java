package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.Index;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad migrations fail with a clear message and change nothing. */
class BadInputTest {

    @AllEngines
    void invalidIdentifierOrMissingClassFailsBeforeAnythingRuns(Scratch s) {
        Database db = s.db();
        Migration bad = new Migration(new MigrationKey("shop", "0002_bad"), List.of(Shop.m1().key()), List.of(
                new AddField("customer", Column.nullable("ok", Shop.INT)),
                new AddField("customer", Column.nullable("bad\"name", Shop.INT))));
        Migrator m = Migrator.builder(db, List.of(Shop.m1(), bad)).build();
        m.migrate(Target.of("shop", "0001_initial"));
        db.sql("INSERT INTO customer (name) VALUES ('kept')").execute();
        assertThatThrownBy(() -> m.migrate(Target.latest())).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("migration shop.0002_bad operation 2 (Add field bad\"name to customer) is "
                        + "invalid: ")
                .hasMessageContaining("which could end a quoted name").hasMessageEndingWith("; nothing was changed");
        Migration missing = new Migration(new MigrationKey("shop", "0002_missing"), List.of(Shop.m1().key()), List.of(
                new AddField("customer", Column.nullable("ok", Shop.INT)), new RunJava("com.example.NoSuchClass")));
        assertThatThrownBy(() -> Migrator.builder(db, List.of(Shop.m1(), missing)).build().migrate(Target.latest()))
                .hasMessageContaining("RunJava names com.example.NoSuchClass, which is not a DataMigration class");
        assertThat(MigratorTest.live(db).require("customer").column("ok")).isEmpty();
        assertThat(m.status()).extracting(MigrationStatus::applied).containsExactly(true, false);
        assertThat(db.sql("SELECT name FROM customer").list(rs -> rs.getString(1))).containsExactly("kept");
    }

    @AllEngines
    void partialIndexIsRefusedWhereTheEngineLacksIt(Scratch s) {
        Database db = s.db();
        Migration partial = new Migration(new MigrationKey("shop", "0002_partial"), List.of(Shop.m1().key()), List.of(
                new AddIndex("customer", new Index("customer_named_idx", List.of("name"), false, "name <> ''"))));
        Migrator m = Migrator.builder(db, List.of(Shop.m1(), partial)).build();
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> m.migrate(Target.latest()))
                    .hasMessageContaining("partial index customer_named_idx is not supported by MariaDB")
                    .hasRootCauseInstanceOf(io.covet.core.error.UnsupportedFeature.class);
            assertThat(m.status()).extracting(MigrationStatus::applied).containsExactly(true, false);
        } else {
            m.migrate(Target.latest());
            assertThat(Drift.differences(db, m)).isEmpty();
        }
    }

    @AllEngines
    void lockTimeoutIsSetForEachOperation(Scratch s) {
        Database db = s.db();
        Migration probe = new Migration(new MigrationKey("shop", "0002_probe"), List.of(Shop.m1().key()),
                List.of(new RunJava(ReadLockTimeout.class.getName())));
        List<String> progress = new ArrayList<>();
        Migrator.builder(db, List.of(Shop.m1(), probe)).operationLockTimeout(java.time.Duration.ofSeconds(5))
                .progress(progress::add).build().migrate(Target.latest());
        String expected = switch (s.engine()) {
            case POSTGRESQL -> "lock timeout 5s";
            case MARIADB -> "lock timeout 5";
            default -> "lock timeout n/a";
        };
        assertThat(progress).contains(expected);
    }

    /** Reports the session's lock timeout as the operation sees it. */
    public static final class ReadLockTimeout implements DataMigration {
        @Override
        public void forward(MigrationContext ctx) throws Exception {
            String v = switch (ctx.engine().family()) {
                case POSTGRESQL -> String.valueOf(ctx.query("SHOW lock_timeout").get(0).values().iterator().next());
                case MARIADB -> String.valueOf(ctx.query("SELECT @@SESSION.lock_wait_timeout AS t").get(0).get("t"));
                default -> "n/a";
            };
            ctx.progress("lock timeout " + v);
        }
    }

    @Test
    void unreadableFilesNameTheFileAndTheProblem(@TempDir java.nio.file.Path dir) throws Exception {
        Files.createDirectories(dir.resolve("shop"));
        Files.writeString(dir.resolve("shop/0001_initial.json"), "{\"app\": \"shop\", \"name\": \"0001_initial\", "
                + "\"operations\": [{\"op\": \"AddFeld\", \"table\": \"x\"}]}");
        assertThatThrownBy(() -> MigrationFiles.load(dir)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("0001_initial.json: operation 1 is invalid: unknown operation \"AddFeld\"");
        Files.writeString(dir.resolve("shop/0001_initial.json"), "{\"app\": \"shop\", \"name\": \"0002_other\"}");
        assertThatThrownBy(() -> MigrationFiles.load(dir)).hasMessageContaining("declares shop.0002_other but its path "
                + "says shop.0001_initial");
        Files.writeString(dir.resolve("shop/0001_initial.json"), "{\"app\": ");
        assertThatThrownBy(() -> MigrationFiles.load(dir)).hasMessageContaining("is not valid JSON");
        Files.writeString(dir.resolve("shop/0001_initial.json"), MigrationFiles.toJson(Shop.m2()).replace("0002_more",
                "0001_initial").replace("\"integer\"", "\"intger\""));
        assertThatThrownBy(() -> MigrationFiles.load(dir)).hasMessageContaining("unknown column type 'intger'");
    }

    @Test
    void filesAreDeterministicAndRoundTrip() {
        Migration tricky = new Migration(new MigrationKey("shop", "0009_tricky"), List.of(), List.of(new RunSql(
                List.of("SELECT CASE WHEN 1 = 1 THEN 'a : b' ELSE 'c' END", "SELECT '\"quoted\"' : x"), List.of())));
        for (Migration m : List.of(Shop.m1(), Shop.m2(), Shop.m3(), RebuildTest.alterations(), tricky)) {
            String json = MigrationFiles.toJson(m);
            assertThat(MigrationFiles.parse(json, "x")).isEqualTo(m);
            assertThat(MigrationFiles.toJson(MigrationFiles.parse(json, "x"))).isEqualTo(json);
            assertThat(MigrationFiles.parse(json.replace("\n", "\r\n").replace("  ", "    "), "x").checksum())
                    .isEqualTo(m.checksum());
        }
        assertThat(MigrationFiles.toJson(Shop.m2())).startsWith("{\n  \"app\": \"shop\",\n  \"name\": \"0002_more\",\n"
                + "  \"dependencies\": [\n    \"shop.0001_initial\"\n  ],\n  \"operations\": [\n    {\n"
                + "      \"op\": \"AddField\",");
    }
}
