package io.covet.cli.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.backup.BackupKey;
import io.covet.cli.CovetCli;
import io.covet.core.Database;
import io.covet.core.dialect.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code covet backup …} run in-process: outputs, exit codes, and one-line errors that restore nothing. */
class BackupCliTest {
    @TempDir
    Path dir;
    Path keyFile;
    String repo;

    record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    static Run covet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CovetCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

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
        Run create = covet("backup", "create", "--database", src, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(create.code()).as(create.err()).isZero();
        String id = create.lastLine();
        assertThat(id).matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
        assertThat(create.out()).contains("table 1/1 product: 200 rows");

        Run list = covet("backup", "list", "--repo", repo, "--json");
        JsonNode backups = new ObjectMapper().readTree(list.out());
        assertThat(backups).hasSize(1);
        assertThat(backups.get(0).get("id").asText()).isEqualTo(id);
        assertThat(backups.get(0).get("rows").asLong()).isEqualTo(200);
        assertThat(backups.get(0).get("encrypted").asBoolean()).isTrue();

        Run verify = covet("backup", "verify", id, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("is intact", "test restore");

        Run restore = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(),
                "--database", target.url());
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(target.db().sql("SELECT COUNT(*), SUM(price) FROM product")
                .list(rs -> rs.getLong(1) + "/" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString()))
                .containsExactly("200/20298");

        Run again = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(),
                "--database", target.url());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err().strip()).doesNotContain("\n").contains("--clean");
    }

    @Test
    void damagedBackupsAreReportedInOneLineAndRestoreNothing() throws Exception {
        String src = shop(dir.resolve("shop.db"));
        String id = covet("backup", "create", "--database", src, "--repo", repo, "--key-file", keyFile.toString()).lastLine();
        Path chunk = dir.resolve("repo/backups/" + id + "/data/0000/000000.chunk");
        byte[] original = Files.readAllBytes(chunk);
        String target = "sqlite:" + dir.resolve("target.db");

        Run unknown = covet("backup", "restore", "20200101T000000Z-abcd", "--repo", repo, "--key-file",
                keyFile.toString(), "--database", target);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("covet: no backup '20200101T000000Z-abcd'");

        Path wrong = dir.resolve("wrong.key");
        Files.writeString(wrong, BackupKey.generate().toHex());
        Run wrongKey = covet("backup", "restore", id, "--repo", repo, "--key-file", wrong.toString(), "--database", target);
        assertThat(wrongKey.code()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("not the one").doesNotContain(Files.readString(wrong).strip());

        replace(chunk, flip(original));
        Run verifyFlipped = covet("backup", "verify", id, "--fast", "--repo", repo, "--key-file", keyFile.toString());
        assertThat(verifyFlipped.code()).isEqualTo(1);
        assertThat(verifyFlipped.err().strip().lines()).singleElement().asString().contains("altered");
        Run restoreFlipped = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(),
                "--database", target);
        assertThat(restoreFlipped.code()).isEqualTo(2);
        assertThat(restoreFlipped.err().strip().lines()).singleElement().asString().contains("nothing was restored");

        replace(chunk, java.util.Arrays.copyOf(original, original.length / 2));
        assertThat(covet("backup", "verify", id, "--repo", repo, "--key-file", keyFile.toString()).code()).isEqualTo(1);

        Files.delete(chunk);
        Run missing = covet("backup", "verify", id, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(missing.code()).isEqualTo(1);
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
        Run none = covet("backup", "prune", "--repo", repo);
        assertThat(none.code()).isEqualTo(2);
        Run dry = covet("backup", "prune", "--repo", repo, "--keep-last", "1", "--dry-run");
        assertThat(dry.code()).isZero();
        assertThat(dry.out()).contains("would delete " + ids.get(0), "would delete " + ids.get(1));
        assertThat(covet("backup", "list", "--repo", repo).out()).contains(ids.get(0));
        Run prune = covet("backup", "prune", "--repo", repo, "--keep-last", "1", "--json");
        JsonNode p = new ObjectMapper().readTree(prune.out());
        assertThat(p.get("kept")).extracting(JsonNode::asText).containsExactly(ids.get(2));
        assertThat(p.get("deleted")).extracting(JsonNode::asText).containsExactlyInAnyOrder(ids.get(0), ids.get(1));

        Run once = covet("backup", "schedule", "--once", "--database", src, "--repo", repo, "--keep-last", "1");
        assertThat(once.code()).as(once.out() + once.err()).isZero();
        assertThat(once.out()).contains("verified intact (restore)", "retention kept 1, deleted 1");
        assertThat(covet("backup", "list", "--repo", repo).out()).contains(once.lastLine()).doesNotContain(ids.get(2));

        Run badCron = covet("backup", "schedule", "--cron", "61 * * * *", "--database", src, "--repo", repo);
        assertThat(badCron.code()).isEqualTo(2);
        assertThat(badCron.err()).contains("invalid cron expression '61 * * * *'");
    }

    @Test
    void jobsOnSqliteIsRefusedWithTheAlternative() {
        Run r = covet("backup", "create", "--database", shop(dir.resolve("s.db")), "--repo", repo, "--jobs", "2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not supported by SQLite", "--jobs 1");
        assertThat(Engine.SQLITE.displayName()).isEqualTo("SQLite");
    }

    @Test
    void physicalSqliteCopyRoundTrip() {
        String src = shop(dir.resolve("p.db"));
        Run create = covet("backup", "create", "--physical", "--database", src, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(create.code()).as(create.err()).isZero();
        Path copy = dir.resolve("copy.db");
        Run restore = covet("backup", "restore", create.lastLine(), "--to-file", copy.toString(), "--repo", repo,
                "--key-file", keyFile.toString());
        assertThat(restore.code()).as(restore.err()).isZero();
        try (Database db = Database.open("sqlite:" + copy)) {
            assertThat(db.sql("SELECT COUNT(*) FROM product").list(rs -> rs.getLong(1))).containsExactly(200L);
        }
        Run again = covet("backup", "restore", create.lastLine(), "--to-file", copy.toString(), "--repo", repo,
                "--key-file", keyFile.toString());
        assertThat(again.code()).isEqualTo(2);
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
