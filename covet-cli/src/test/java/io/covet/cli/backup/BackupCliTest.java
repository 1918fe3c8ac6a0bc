package io.covet.cli.backup;

import io.covet.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.backup.BackupKey;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code covet backup …} run in-process: outputs, exit codes, and one-line errors that restore nothing. */
class BackupCliTest {
    @TempDir
    Path dir;
    Path keyFile;
    String repo;

    @BeforeEach
    void key() throws Exception {
        keyFile = dir.resolve("backup.key");
        Files.writeString(keyFile, BackupKey.generate().toHex() + "\n");
        repo = dir.resolve("repo").toString();
    }

    private String shop(Path file) {
        try (Database db = Database.open("sqlite:" + file)) {
            db.sql("CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(8,2))").execute();
            List<Object[]> rows = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                rows.add(new Object[]{i, "product " + i, i + ".99"});
            }
            db.bulkLoad("product", List.of("id", "name", "price"), rows);
        }
        return "sqlite:" + file;
    }

    @AllEngines
    void createListVerifyRestoreAcrossEngines(Scratch target) throws Exception {
        String src = shop(dir.resolve("shop.db"));
        CliRun create = covet("backup", "create", "--database", src, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(create.exit()).as(create.err()).isZero();
        String id = create.lastLine();
        assertThat(id).matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
        assertThat(create.out()).contains("table 1/1 product: 200 rows");

        CliRun list = covet("backup", "list", "--repo", repo, "--json");
        JsonNode backups = new ObjectMapper().readTree(list.out());
        assertThat(backups).hasSize(1);
        assertThat(backups.get(0).get("id").asText()).isEqualTo(id);
        assertThat(backups.get(0).get("rows").asLong()).isEqualTo(200);
        assertThat(backups.get(0).get("encrypted").asBoolean()).isTrue();

        CliRun verify = covet("backup", "verify", id, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("is intact", "test restore");

        CliRun restore = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(),
                "--database", target.url());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(target.db().sql("SELECT COUNT(*), SUM(price) FROM product")
                .list(rs -> rs.getLong(1) + "/" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString()))
                .containsExactly("200/20298");

        CliRun again = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(),
                "--database", target.url());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().strip()).doesNotContain("\n").contains("--clean");
    }

    @Test
    void damagedBackupsAreReportedInOneLineAndRestoreNothing() throws Exception {
        String src = shop(dir.resolve("shop.db"));
        String id = covet("backup", "create", "--database", src, "--repo", repo, "--key-file", keyFile.toString()).lastLine();
        Path chunk = dir.resolve("repo/backups/" + id + "/data/0000/000000.chunk");
        byte[] original = Files.readAllBytes(chunk);
        String target = "sqlite:" + dir.resolve("target.db");

        CliRun unknown = covet("backup", "restore", "20200101T000000Z-abcd", "--repo", repo, "--key-file",
                keyFile.toString(), "--database", target);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("covet: no backup '20200101T000000Z-abcd'");

        Path wrong = dir.resolve("wrong.key");
        Files.writeString(wrong, BackupKey.generate().toHex());
        CliRun wrongKey = covet("backup", "restore", id, "--repo", repo, "--key-file", wrong.toString(), "--database", target);
        assertThat(wrongKey.exit()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("not the one").doesNotContain(Files.readString(wrong).strip());

        replace(chunk, flip(original));
        CliRun verifyFlipped = covet("backup", "verify", id, "--fast", "--repo", repo, "--key-file", keyFile.toString());
        assertThat(verifyFlipped.exit()).isEqualTo(1);
        assertThat(verifyFlipped.err().strip().lines()).singleElement().asString().contains("altered");
        CliRun restoreFlipped = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(),
                "--database", target);
        assertThat(restoreFlipped.exit()).isEqualTo(2);
        assertThat(restoreFlipped.err().strip().lines()).singleElement().asString().contains("nothing was restored");

        replace(chunk, java.util.Arrays.copyOf(original, original.length / 2));
        assertThat(covet("backup", "verify", id, "--repo", repo, "--key-file", keyFile.toString()).exit()).isEqualTo(1);

        Files.delete(chunk);
        CliRun missing = covet("backup", "verify", id, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("missing");

        try (Database t = Database.open(target)) {
            assertThat(t.sql("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").list(rs -> rs.getInt(1)))
                    .containsExactly(0);
        }
    }

    @Test
    void pruneKeepsTheNewestAndScheduleOnceVerifies() throws Exception {
        String src = shop(dir.resolve("shop.db"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(covet("backup", "create", "--database", src, "--repo", repo).lastLine());
            Thread.sleep(1100); // ids carry the second they were taken
        }
        CliRun none = covet("backup", "prune", "--repo", repo);
        assertThat(none.exit()).isEqualTo(2);
        CliRun dry = covet("backup", "prune", "--repo", repo, "--keep-last", "1", "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("would delete " + ids.get(0), "would delete " + ids.get(1));
        assertThat(covet("backup", "list", "--repo", repo).out()).contains(ids.get(0));
        CliRun prune = covet("backup", "prune", "--repo", repo, "--keep-last", "1", "--json");
        JsonNode p = new ObjectMapper().readTree(prune.out());
        assertThat(p.get("kept")).extracting(JsonNode::asText).containsExactly(ids.get(2));
        assertThat(p.get("deleted")).extracting(JsonNode::asText).containsExactlyInAnyOrder(ids.get(0), ids.get(1));

        CliRun once = covet("backup", "schedule", "--once", "--database", src, "--repo", repo, "--keep-last", "1");
        assertThat(once.exit()).as(once.out() + once.err()).isZero();
        assertThat(once.out()).contains("verified intact (restore)", "retention kept 1, deleted 1");
        assertThat(covet("backup", "list", "--repo", repo).out()).contains(once.lastLine()).doesNotContain(ids.get(2));

        CliRun badCron = covet("backup", "schedule", "--cron", "61 * * * *", "--database", src, "--repo", repo);
        assertThat(badCron.exit()).isEqualTo(2);
        assertThat(badCron.err()).contains("invalid cron expression '61 * * * *'");
    }

    @Test
    void schemaSourceCatalogTakesPostgresqlsSchemaWithoutPgDump() throws Exception {
        try (Scratch src = Scratch.on(Engine.POSTGRESQL); Scratch dst = Scratch.on(Engine.POSTGRESQL)) {
            src.db().sql("CREATE TYPE mood AS ENUM ('sad', 'happy')").execute();
            src.db().sql("CREATE TABLE person (id serial PRIMARY KEY, feeling mood NOT NULL)").execute();
            src.db().sql("INSERT INTO person (feeling) VALUES ('happy'), ('sad')").execute();
            CliRun bad = covet("backup", "create", "--database", src.url(), "--repo", repo, "--no-encryption",
                    "--schema-source", "pgdump");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).contains("--schema-source pgdump is none of native-tool, catalog, portable");

            CliRun create = covet("backup", "create", "--database", src.url(), "--repo", repo, "--no-encryption",
                    "--schema-source", "catalog");
            assertThat(create.exit()).as(create.err()).isZero();
            assertThat(Files.readString(Path.of(repo, "backups", create.lastLine(), "manifest.json")))
                    .contains("\"schemaSource\" : \"covet catalog (PostgreSQL 15");
            CliRun restore = covet("backup", "restore", create.lastLine(), "--database", dst.url(), "--repo", repo);
            assertThat(restore.exit()).as(restore.err()).isZero();
            dst.db().sql("INSERT INTO person (feeling) VALUES ('happy')").execute();
            assertThat(dst.db().sql("SELECT id || ':' || feeling FROM person ORDER BY id").list(rs -> rs.getString(1)))
                    .containsExactly("1:happy", "2:sad", "3:happy");
        }
    }

    @Test
    void jobsOnSqliteIsRefusedWithTheAlternative() {
        CliRun r = covet("backup", "create", "--database", shop(dir.resolve("s.db")), "--repo", repo, "--jobs", "2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not supported by SQLite", "--jobs 1");
        assertThat(Engine.SQLITE.displayName()).isEqualTo("SQLite");
    }

    @Test
    void restoringAViewIntoAnotherEngineIsRefusedUnlessSkipped() throws Exception {
        String src = shop(dir.resolve("v.db"));
        try (Database db = Database.open(src)) {
            db.sql("CREATE VIEW cheap AS SELECT id, name FROM product WHERE price < 10").execute();
        }
        CliRun create = covet("backup", "create", "--database", src, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(create.exit()).as(create.err()).isZero();
        try (Scratch pg = Scratch.on(Engine.POSTGRESQL)) {
            CliRun refused = covet("backup", "restore", create.lastLine(), "--database", pg.url(), "--repo", repo,
                    "--key-file", keyFile.toString());
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("view cheap", "--skip-native-objects");
            assertThat(pg.db().sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()")
                    .list(rs -> rs.getLong(1))).containsExactly(0L);

            CliRun skipped = covet("backup", "restore", create.lastLine(), "--database", pg.url(), "--repo", repo,
                    "--key-file", keyFile.toString(), "--skip-native-objects");
            assertThat(skipped.exit()).as(skipped.err()).isZero();
            assertThat(skipped.err()).contains("warning", "view cheap");
            assertThat(pg.db().sql("SELECT COUNT(*) FROM product").list(rs -> rs.getLong(1))).containsExactly(200L);
        }
    }

    @Test
    void physicalSqliteCopyRoundTrip() {
        String src = shop(dir.resolve("p.db"));
        CliRun create = covet("backup", "create", "--physical", "--database", src, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(create.exit()).as(create.err()).isZero();
        Path copy = dir.resolve("copy.db");
        CliRun restore = covet("backup", "restore", create.lastLine(), "--to-file", copy.toString(), "--repo", repo,
                "--key-file", keyFile.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        try (Database db = Database.open("sqlite:" + copy)) {
            assertThat(db.sql("SELECT COUNT(*) FROM product").list(rs -> rs.getLong(1))).containsExactly(200L);
        }
        CliRun again = covet("backup", "restore", create.lastLine(), "--to-file", copy.toString(), "--repo", repo,
                "--key-file", keyFile.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
    }

    private static byte[] flip(byte[] b) {
        byte[] c = b.clone();
        c[c.length / 2] ^= 0x40;
        return c;
    }

    private static void replace(Path file, byte[] content) throws Exception {
        Files.deleteIfExists(file); // repository files are hard links: write a new file, do not change the shared one
        Files.write(file, content);
    }
}
