package io.covet.backup;

import java.time.Instant;
import java.util.List;

/**
 * A backup in a repository, as its manifest describes it.
 *
 * @param id            the backup id (sortable by creation time)
 * @param createdAt     when the snapshot was taken
 * @param engine        the source engine's URL scheme
 * @param serverVersion the source server's version
 * @param tables        the tables it holds
 * @param rows          total rows
 * @param storedBytes   bytes of chunk data in the repository
 * @param encrypted     whether its chunks are encrypted
 * @param complete      false when the backup was interrupted before its manifest was stored
 */
public record BackupInfo(String id, Instant createdAt, String engine, String serverVersion, List<String> tables,
                         long rows, long storedBytes, boolean encrypted, boolean complete) {
}
