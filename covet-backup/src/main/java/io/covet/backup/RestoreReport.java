package io.covet.backup;

import java.util.List;

/**
 * What a restore did.
 *
 * @param backupId the backup restored
 * @param tables   the tables created
 * @param rows     rows loaded, each table checked against the manifest's count and checksum
 * @param warnings what could not be carried over exactly (e.g. a default with no equivalent on another engine)
 */
public record RestoreReport(String backupId, List<String> tables, long rows, List<String> warnings) {
}
