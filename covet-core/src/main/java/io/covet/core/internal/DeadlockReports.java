package io.covet.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The engines' own accounts of a deadlock, read on the victim's connection right after its rollback, for
 * {@link EngineSpecifics#deadlockReport}. Not an API.
 */
final class DeadlockReports {
    private static final int MAX_ROWS = 200;
    private static final String PG_SNAPSHOT = "SELECT l.pid, a.usename, a.state, a.wait_event_type, a.wait_event, "
            + "pg_blocking_pids(l.pid) AS blocked_by, l.locktype, l.mode, l.granted, "
            + "CASE WHEN l.relation IS NULL THEN NULL ELSE l.relation::regclass::text END AS relation, "
            + "l.transactionid, now() - a.xact_start AS xact_age, left(a.query, 300) AS query "
            + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            + "WHERE a.datname = current_database() AND l.pid <> pg_backend_pid() "
            + "ORDER BY l.pid, l.granted DESC, l.locktype";

    private DeadlockReports() {
    }

    static String postgres(Connection c) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PG_SNAPSHOT)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                sb.append(i > 1 ? " | " : "").append(md.getColumnLabel(i));
            }
            sb.append('\n');
            int rows = 0;
            while (rs.next() && rows++ < MAX_ROWS) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static String innodb(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW ENGINE INNODB STATUS")) {
            if (!rs.next()) {
                return "SHOW ENGINE INNODB STATUS returned nothing";
            }
            String status = rs.getString("Status");
            int start = status.indexOf("LATEST DETECTED DEADLOCK");
            if (start < 0) {
                return "SHOW ENGINE INNODB STATUS has no LATEST DETECTED DEADLOCK section";
            }
            int end = status.indexOf("\nTRANSACTIONS\n", start);
            String section = status.substring(start, end < 0 ? status.length() : end);
            // Drop the dashed line that opens the next section's header.
            return section.replaceAll("\n-+\\s*$", "\n");
        }
    }
}
