package io.covet.backup;

import io.covet.backup.internal.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WAL retention never removes what a kept base backup needs. */
class PitrPruneTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheNewestBasesAndEveryWalFileTheyNeed() throws Exception {
        try (BackupRepository repo = BackupRepository.open(dir.toString())) {
            Storage s = repo.storage();
            base(s, "base-20261101T000000Z", "000000010000000000000002");
            base(s, "base-20261102T000000Z", "000000010000000000000005");
            base(s, "base-20261103T000000Z", "000000020000000000000009");
            for (String wal : List.of("000000010000000000000001", "000000010000000000000002",
                    "000000010000000000000003", "000000010000000000000004", "000000010000000000000005",
                    "000000010000000000000005.00000028.backup", "00000002.history", "000000020000000000000008",
                    "000000020000000000000009")) {
                s.put("wal/" + wal, new byte[]{1});
            }
            assertThat(Pitr.prune(repo, 2, true)).containsExactlyInAnyOrder("000000010000000000000001",
                    "000000010000000000000002", "000000010000000000000003", "000000010000000000000004",
                    "base-20261101T000000Z");
            assertThat(s.list("wal/")).hasSize(9);

            Pitr.prune(repo, 2, false);
            assertThat(Pitr.baseBackups(repo)).containsExactly("base-20261102T000000Z", "base-20261103T000000Z");
            assertThat(s.list("wal/")).containsExactlyInAnyOrder("wal/00000002.history", "wal/000000010000000000000005",
                    "wal/000000010000000000000005.00000028.backup", "wal/000000020000000000000008",
                    "wal/000000020000000000000009");
            assertThatThrownBy(() -> Pitr.prune(repo, 0, false)).hasMessageContaining("at least 1");
        }
    }

    private static void base(Storage s, String id, String startWal) throws Exception {
        String json = "{\"format\":\"covet-pitr-base/1\",\"id\":\"" + id + "\",\"startWal\":\"" + startWal + "\",\"chunks\":[]}";
        s.put("base/" + id + "/manifest.json", json.getBytes(StandardCharsets.UTF_8));
        s.put("base/" + id + "/manifest.sig", "x".getBytes(StandardCharsets.US_ASCII));
        s.put("base/" + id + "/data/000000.chunk", new byte[]{0});
    }
}
