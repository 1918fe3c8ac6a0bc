package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.error.UnsupportedFeature;
import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlitePhysicalTest {
    @TempDir
    Path dir;

    @Test
    void onlineBackupApiCopyRestoresTheSameDatabaseAndDetectsTampering() throws Exception {
        BackupKey key = BackupKey.generate();
        try (Database src = Database.open("sqlite:" + dir.resolve("shop.db"));
             BackupRepository repo = BackupRepository.open(dir.resolve("repo").toString())) {
            Shop.create(src);
            Shop.fill(src, 50);
            String id = SqlitePhysical.backup(src, repo, key);
            Path restored = dir.resolve("restored.db");
            SqlitePhysical.restore(repo, id, key, restored);
            try (Database copy = Database.open("sqlite:" + restored)) {
                assertThat(Shop.snapshot(copy)).isEqualTo(Shop.snapshot(src));
                assertThat(copy.sql("SELECT seq FROM sqlite_sequence WHERE name = 'customer'").list(rs -> rs.getLong(1)))
                        .containsExactly(51L);
            }
            assertThatThrownBy(() -> SqlitePhysical.restore(repo, id, key, restored)).hasMessageContaining("already exists");
            assertThatThrownBy(() -> SqlitePhysical.restore(repo, id, BackupKey.generate(), dir.resolve("x.db")))
                    .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(BackupException.Reason.WRONG_KEY));

            Path chunk = dir.resolve("repo/physical/" + id + "/data/000000.chunk");
            byte[] b = Files.readAllBytes(chunk);
            b[b.length / 3] ^= 1;
            Files.delete(chunk);
            Files.write(chunk, b);
            assertThatThrownBy(() -> SqlitePhysical.restore(repo, id, key, dir.resolve("y.db")))
                    .hasMessageContaining("nothing was restored");
            assertThat(dir.resolve("y.db")).doesNotExist();
        }
    }

    @Test
    void serverEnginesAreRefusedWithTheAlternative() throws Exception {
        try (Scratch pg = Scratch.on(Engine.POSTGRESQL); BackupRepository repo = BackupRepository.open(dir.toString())) {
            assertThatThrownBy(() -> SqlitePhysical.backup(pg.db(), repo, null))
                    .isInstanceOf(UnsupportedFeature.class).hasMessageContaining("Pitr.baseBackup");
        }
    }
}
