package io.covet.backup;

import io.covet.backup.BackupException.Reason;
import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of damage is detected, reported in one sentence, and restores nothing. */
class TamperTest {
    @TempDir
    Path dir;
    BackupKey key = BackupKey.generate();
    String id;
    Path orders;

    @BeforeEach
    void backupOfSqliteShop() throws Exception {
        Path file = dir.resolve("shop.db");
        try (Database src = Database.open("sqlite:" + file); BackupRepository repo = repo()) {
            Shop.create(src);
            Shop.fill(src, 30);
            id = Backups.create(src, repo, BackupOptions.builder().key(key).build()).id();
        }
        // the last table's only chunk: customer is loaded before it fails, so a partial restore would show
        orders = dir.resolve("repo/backups/" + id + "/data/0001/000000.chunk");
        assertThat(orders).exists();
    }

    private BackupRepository repo() {
        return BackupRepository.open(dir.resolve("repo").toString());
    }

    @AllEngines
    void flippedByteInAChunk(Scratch target) throws Exception {
        damage(b -> b[b.length / 2] ^= 0x01);
        refused(target, Reason.CORRUPT, "it was altered");
    }

    @AllEngines
    void truncatedChunk(Scratch target) throws Exception {
        byte[] b = Files.readAllBytes(orders);
        Files.delete(orders);
        Files.write(orders, java.util.Arrays.copyOf(b, b.length - 10));
        refused(target, Reason.CORRUPT, "truncated");
    }

    @AllEngines
    void missingChunk(Scratch target) throws Exception {
        Files.delete(orders);
        refused(target, Reason.CORRUPT, "missing");
    }

    @Test
    void wrongKey() throws Exception {
        try (Scratch target = Scratch.on(io.covet.core.engine.Engine.SQLITE); BackupRepository repo = repo()) {
            prepare(target);
            assertThatThrownBy(() -> Backups.restore(repo, id, BackupKey.generate(), target.db(), true))
                    .isInstanceOf(BackupException.class).hasMessageContaining("not the one")
                    .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(Reason.WRONG_KEY));
            assertThatThrownBy(() -> Backups.restore(repo, id, null, target.db(), true))
                    .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(Reason.KEY_REQUIRED));
            assertUnchanged(target);
        }
    }

    @Test
    void unknownIdAndAlteredManifest() throws Exception {
        try (Scratch target = Scratch.on(io.covet.core.engine.Engine.SQLITE); BackupRepository repo = repo()) {
            prepare(target);
            assertThatThrownBy(() -> Backups.restore(repo, "20200101T000000Z-0000", key, target.db(), true))
                    .hasMessageContaining("no backup '20200101T000000Z-0000'")
                    .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(Reason.NOT_FOUND));
            Path manifest = dir.resolve("repo/backups/" + id + "/manifest.json");
            String json = Files.readString(manifest);
            Files.delete(manifest);
            Files.writeString(manifest, json.replaceFirst("\"rows\" : 30", "\"rows\" : 31"));
            assertThatThrownBy(() -> Backups.restore(repo, id, key, target.db(), true))
                    .hasMessageContaining("HMAC check")
                    .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(Reason.CORRUPT));
            assertThat(Backups.verify(repo, id, key, VerifyReport.Mode.FAST).intact()).isFalse();
            assertUnchanged(target);
        }
    }

    private void damage(Consumer<byte[]> change) throws Exception {
        byte[] b = Files.readAllBytes(orders);
        change.accept(b);
        Files.delete(orders); // the repository's files are hard links; write a fresh one
        Files.write(orders, b);
    }

    private void refused(Scratch target, Reason reason, String words) {
        prepare(target);
        try (BackupRepository repo = repo()) {
            VerifyReport v = Backups.verify(repo, id, key, VerifyReport.Mode.FAST);
            assertThat(v.intact()).isFalse();
            assertThat(v.problems()).singleElement().asString().contains(words);
            assertThatThrownBy(() -> Backups.restore(repo, id, key, target.db(), true))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining(words).hasMessageContaining("nothing was restored")
                    .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(reason))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertUnchanged(target);
    }

    /** The target holds one unrelated table and a customer table of its own, which --clean would replace. */
    private static void prepare(Scratch target) {
        Database db = target.db();
        db.sql("CREATE TABLE keep (id INT PRIMARY KEY, v VARCHAR(10))").execute();
        db.sql("INSERT INTO keep VALUES (1, 'mine')").execute();
        db.sql("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(10))").execute();
        db.sql("INSERT INTO customer VALUES (7, 'old')").execute();
    }

    private static void assertUnchanged(Scratch target) {
        Database db = target.db();
        assertThat(db.sql("SELECT v FROM keep").list(rs -> rs.getString(1))).containsExactly("mine");
        assertThat(db.sql("SELECT id, name FROM customer").list(rs -> rs.getInt(1) + rs.getString(2)))
                .containsExactly("7old");
        assertThat(db.sql(switch (db.engine().family()) {
            case POSTGRESQL -> "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
            case MARIADB -> "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()";
            default -> "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'";
        }).list(rs -> rs.getString(1).toLowerCase())).containsExactlyInAnyOrder("keep", "customer");
        if (db.engine().family() == io.covet.core.engine.Engine.MARIADB) {
            // the staging database was dropped
            assertThat(db.sql("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?",
                    "%\\_\\_covet\\_%").list(rs -> rs.getInt(1))).containsExactly(0);
        }
    }

}
