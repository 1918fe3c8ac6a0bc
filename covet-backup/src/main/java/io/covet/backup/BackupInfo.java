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
 * @param notCarried    objects of the source that the backup does not hold, each named (for example a domain or
 *                      a function no trigger runs, when the engine's own schema dump was not available)
 */
public record BackupInfo(String id, Instant createdAt, String engine, String serverVersion, List<String> tables,
                         long rows, long storedBytes, boolean encrypted, boolean complete, List<String> notCarried) {
    /** Lists default to empty. */
    public BackupInfo {
        notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
    }

    /** A backup that holds every object of its source. */
    public BackupInfo(String id, Instant createdAt, String engine, String serverVersion, List<String> tables,
                      long rows, long storedBytes, boolean encrypted, boolean complete) {
        this(id, createdAt, engine, serverVersion, tables, rows, storedBytes, encrypted, complete, List.of());
    }
}
