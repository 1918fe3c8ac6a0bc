package io.covet.backup.internal;

import io.covet.core.engine.Engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Starts and ends the read transaction a backup sees: PostgreSQL {@code REPEATABLE READ, READ ONLY} (optionally
 * exporting its snapshot for parallel workers), MariaDB {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, SQLite a
 * deferred transaction whose first read fixes its view (in WAL mode writers go on; in rollback-journal mode they
 * wait for the backup).
 */
public final class Snapshot {
    private Snapshot() {
    }

    /** Begins the snapshot on {@code c}; returns the exported PostgreSQL snapshot id when {@code export}, else null. */
    public static String begin(Connection c, Engine engine, boolean export) throws SQLException {
        try (Statement s = c.createStatement()) {
            // engine SQL: each engine starts a consistent read its own way
            switch (engine.family()) {
                case POSTGRESQL -> {
                    c.setAutoCommit(false);
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    if (export) {
                        try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                            rs.next();
                            return rs.getString(1);
                        }
                    }
                    s.executeQuery("SELECT 1").close(); // takes the snapshot now, before any table is read
                }
                case MARIADB -> {
                    s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                }
                default -> {
                    c.setAutoCommit(false);
                    s.executeQuery("SELECT count(*) FROM sqlite_master").close();
                }
            }
        }
        return null;
    }

    /** Joins an exported PostgreSQL snapshot on a worker connection. */
    public static void join(Connection c, String snapshotId) throws SQLException {
        if (!snapshotId.matches("[0-9A-Fa-f-]+")) {
            throw new SQLException("unexpected snapshot id " + snapshotId);
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // SET TRANSACTION SNAPSHOT takes no parameters; the id was checked above to be hex digits and dashes
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
        }
    }

    /** Ends the snapshot (nothing was written, so it is rolled back) and restores auto-commit. */
    public static void end(Connection c, Engine engine) throws SQLException {
        // engine SQL: MariaDB's START TRANSACTION is ended by SQL, not by the driver's rollback
        if (engine.family() == Engine.MARIADB) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            }
        } else {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
