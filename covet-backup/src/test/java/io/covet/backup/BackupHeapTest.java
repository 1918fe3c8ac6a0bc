package io.covet.backup;

import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs alone in a JVM with {@code -Xmx64m} (see this module's pom): backs up, verifies and restores a PostgreSQL
 * table whose encoded rows are larger than the whole heap, which only works if every step streams.
 */
@org.junit.jupiter.api.Tag("small-heap")
class BackupHeapTest {
    static final int ROWS = 300_000;

    @TempDir
    Path dir;

    @Test
    void tableLargerThanTheHeapStreamsThroughBackupVerifyAndRestore() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        try (Scratch src = Scratch.on(Engine.POSTGRESQL); Scratch dst = Scratch.on(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            src.db().sql("CREATE TABLE big (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)").execute();
            src.db().sql("INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, ?) g", ROWS).execute();
            long dataBytes = src.db().sql("SELECT SUM(length(payload) + 8) FROM big").list(rs -> rs.getLong(1)).get(0);
            assertThat(dataBytes).as("the table must not fit in the heap").isGreaterThan(heap);

            BackupKey key = BackupKey.generate();
            BackupInfo b = Backups.create(src.db(), repo, BackupOptions.builder().key(key).build());
            assertThat(b.rows()).isEqualTo(ROWS);
            VerifyReport v = Backups.verify(repo, b.id(), key, VerifyReport.Mode.FAST);
            assertThat(v.intact()).isTrue();
            assertThat(v.rows()).isEqualTo(ROWS);
            RestoreReport r = Backups.restore(repo, b.id(), key, dst.db(), false);
            assertThat(r.rows()).isEqualTo(ROWS);
            assertThat(dst.db().sql("SELECT COUNT(*), SUM(length(payload)) FROM big")
                    .list(rs -> rs.getLong(1) + "/" + rs.getLong(2)))
                    .containsExactly(ROWS + "/" + (dataBytes - 8L * ROWS));
        }
    }
}
