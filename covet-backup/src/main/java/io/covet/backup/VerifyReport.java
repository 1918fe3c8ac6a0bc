package io.covet.backup;

import java.util.List;

/**
 * The outcome of verifying a backup.
 *
 * @param backupId the backup verified
 * @param mode     how it was verified
 * @param intact   true when every check passed
 * @param tables   tables checked
 * @param rows     rows checked
 * @param problems one sentence per problem found; empty when intact
 */
public record VerifyReport(String backupId, Mode mode, boolean intact, int tables, long rows, List<String> problems) {
    /** How thoroughly to verify. */
    public enum Mode {
        /** Check every chunk's hash, decrypt and decode it, and compare row counts and checksums; no database. */
        FAST,
        /** FAST, then restore into a scratch database and compare what reads back with the manifest. */
        RESTORE
    }
}
