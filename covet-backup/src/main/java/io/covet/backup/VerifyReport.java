package io.covet.backup;

import java.util.List;

/**
 * The outcome of verifying a backup.
 *
 * @param backupId     the backup verified
 * @param mode         how it was verified
 * @param intact       true when every check that ran passed; read it with {@link #restored()}: without a restore
 *                     only the chunks' hashes, decryption and checksums were checked
 * @param tables       tables checked
 * @param rows         rows checked
 * @param problems     one sentence per problem found, naming the table or object; empty when intact
 * @param restored     whether the backup was really restored into a scratch database and compared with its
 *                     manifest (rows, checksums, schema)
 * @param restoredInto where it was restored ({@code a temporary PostgreSQL database}, {@code the scratch MariaDB
 *                     database}); null when not restored. Never holds a password.
 * @param notRestored  why a {@link Mode#RESTORE} verification did not restore (no privilege to create a temporary
 *                     database, no server of the backup's engine given); null when restored or not asked to
 */
public record VerifyReport(String backupId, Mode mode, boolean intact, int tables, long rows, List<String> problems,
                           boolean restored, String restoredInto, String notRestored) {
    /** A report of checks without a restore. */
    public VerifyReport(String backupId, Mode mode, boolean intact, int tables, long rows, List<String> problems) {
        this(backupId, mode, intact, tables, rows, problems, false, null, null);
    }

    /** A report without a reason for not restoring. */
    public VerifyReport(String backupId, Mode mode, boolean intact, int tables, long rows, List<String> problems,
                        boolean restored, String restoredInto) {
        this(backupId, mode, intact, tables, rows, problems, restored, restoredInto, null);
    }

    /** One line for people: "intact" only when restored, else "checksums verified, not restored". */
    public String summary() {
        if (!intact) {
            return "damaged: " + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        }
        return restored ? "intact: " + tables + " tables, " + rows + " rows restored into " + restoredInto
                + " and compared"
                : "checksums verified, not restored: " + tables + " tables, " + rows + " rows decoded"
                + (notRestored == null ? "" : " (" + notRestored + ")");
    }

    /** How thoroughly to verify. */
    public enum Mode {
        /** Check every chunk's hash, decrypt and decode it, and compare row counts and checksums; no database. */
        FAST,
        /**
         * FAST, then restore into a scratch database of the backup's engine (one given, a temporary SQLite file for
         * a SQLite backup, or a temporary database Covet creates on the source's server) and compare what reads
         * back with the manifest: tables, columns, the engine's own object definitions, rows and checksums.
         */
        RESTORE
    }
}
