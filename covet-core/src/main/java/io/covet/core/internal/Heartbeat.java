package io.covet.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB heartbeat row (the pt-heartbeat technique): the lag monitor writes the primary's UTC time into
 * {@value #TABLE} once per round, replication carries the row to every replica, and a replica's lag is the primary's
 * time now minus the time in the replica's copy of the row. Both times come from the primary's clock, so the
 * figure does not depend on the replica's clock. Finer than {@code Seconds_Behind_Master} (whole seconds, NULL while
 * the SQL thread is stopped): its resolution is the lag check interval. Not an API.
 */
final class Heartbeat {
    /** The table, in the database of the primary's URL. */
    static final String TABLE = "covet_replica_heartbeat";

    private static final String EPOCH_MICROS = "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', %s)";

    private Heartbeat() {
    }

    /** Creates the table on the primary when it is missing. */
    static void create(Connection primary) throws SQLException {
        try (Statement s = primary.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id TINYINT NOT NULL PRIMARY KEY, "
                    + "beat DATETIME(6) NOT NULL) ENGINE=InnoDB");
        }
    }

    /** Writes the primary's time now into the row. */
    static void beat(Connection primary) throws SQLException {
        try (Statement s = primary.createStatement()) {
            s.executeUpdate("INSERT INTO " + TABLE + " (id, beat) VALUES (1, UTC_TIMESTAMP(6)) "
                    + "ON DUPLICATE KEY UPDATE beat = VALUES(beat)");
        }
    }

    /**
     * How long ago, by the primary's clock, the last heartbeat the replica has applied was written: an upper bound
     * of its staleness (it has everything committed before that beat). -1 when the replica has no beat yet.
     */
    static long delayNanos(Connection replica, Connection primary) throws SQLException {
        long applied;
        try (Statement s = replica.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.format(EPOCH_MICROS, "beat") + " FROM " + TABLE
                     + " WHERE id = 1")) {
            if (!rs.next()) {
                return -1;
            }
            applied = rs.getLong(1);
        }
        long now;
        try (Statement s = primary.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.format(EPOCH_MICROS, "UTC_TIMESTAMP(6)"))) {
            rs.next();
            now = rs.getLong(1);
        }
        return Math.max(0, now - applied) * 1000;
    }
}
