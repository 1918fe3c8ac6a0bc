package io.covet.cli.backup;

import io.covet.cli.CliRun;
import io.covet.backup.BackupKey;
import io.covet.backup.testing.S3Server;
import io.covet.core.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code covet backup} end to end against a real S3-compatible server on loopback. */
class BackupS3CliTest {
    @TempDir
    static Path blobs;

    static S3Server server;

    @BeforeAll
    static void startS3() throws Exception {
        server = S3Server.start(blobs, "covet-cli");
        server.configureSystemProperties();
    }

    @AfterAll
    static void stopS3() throws Exception {
        S3Server.clearSystemProperties();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createListVerifyAndRestoreThroughAnS3Repository(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("backup.key");
        Files.writeString(key, BackupKey.generate().toHex() + "\n");
        String source = "sqlite:" + dir.resolve("shop.db");
        try (Database db = Database.open(source)) {
            db.sql("CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT NOT NULL)").execute();
            db.sql("INSERT INTO product (name) VALUES ('book'), ('pen'), ('ink')").execute();
        }
        String repo = "s3://covet-cli/shop";

        CliRun create = covet("backup", "create", "-d", source, "--repo", repo, "--key-file", key.toString());
        assertThat(create.exit()).as(create.err()).isZero();
        String id = create.lastLine();
        assertThat(covet("backup", "list", "--repo", repo).out()).contains(id);
        CliRun verify = covet("backup", "verify", id, "--repo", repo, "--key-file", key.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();

        String target = "sqlite:" + dir.resolve("restored.db");
        CliRun restore = covet("backup", "restore", id, "-d", target, "--repo", repo, "--key-file",
                key.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        try (Database db = Database.open(target)) {
            assertThat(db.sql("SELECT name FROM product ORDER BY id").list(rs -> rs.getString(1)))
                    .containsExactly("book", "pen", "ink");
        }

        CliRun unknown = covet("backup", "verify", "20200101T000000Z-dead", "--repo", repo, "--key-file",
                key.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).doesNotContain(S3Server.SECRET_KEY);
    }
}
