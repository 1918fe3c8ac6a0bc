package io.covet.core.internal;

import com.zaxxer.hikari.HikariConfig;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.error.CheckViolation;
import io.covet.core.error.DataAccessException;
import io.covet.core.error.DeadlockDetected;
import io.covet.core.error.ForeignKeyViolation;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.NotNullViolation;
import io.covet.core.error.QueryTimeout;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.core.error.UniqueViolation;
import io.covet.core.tx.Isolation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.covet.core.internal.EngineSpecifics.checkedGid;
import static io.covet.core.internal.EngineSpecifics.exec;

/**
 * MariaDB (and MySQL) through MariaDB Connector/J: vendor error numbers (the key or constraint named only in the
 * message), UTC {@code DATETIME}s and UUIDs as text, {@code SET TRANSACTION} / {@code START TRANSACTION READ ONLY}
 * for the next transaction only, two-phase commit with {@code XA}. Not an API.
 */
final class MariaDbSpecifics implements EngineSpecifics {
    static final MariaDbSpecifics INSTANCE = new MariaDbSpecifics();

    // MariaDB names the key in "Duplicate entry 'x' for key 'name'" and the FK in "CONSTRAINT `fk` FOREIGN KEY".
    private static final Pattern KEY = Pattern.compile("for key '([^']+)'");
    private static final Pattern CONSTRAINT = Pattern.compile("CONSTRAINT `([^`]+)`");
    private static final Pattern CONSTRAINT_FAILED = Pattern.compile("CONSTRAINT `([^`]+)` failed");
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private MariaDbSpecifics() {
    }

    @Override
    public DataAccessException translate(Engine engine, String sql, SQLException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        return switch (e.getErrorCode()) {
            case 1062, 1586 -> new UniqueViolation("duplicate value refused by a unique constraint", engine, sql, e,
                    ErrorTranslator.group(KEY, msg));
            case 1451, 1452, 1216, 1217 -> new ForeignKeyViolation("foreign key constraint violated", engine, sql, e,
                    ErrorTranslator.group(CONSTRAINT, msg));
            case 1048, 1364 -> new NotNullViolation("NULL written to a NOT NULL column", engine, sql, e, null);
            case 4025, 3819 -> new CheckViolation("check constraint violated", engine, sql, e,
                    ErrorTranslator.group(CONSTRAINT_FAILED, msg));
            case 1213 -> new DeadlockDetected("deadlock detected; the transaction was rolled back, retry it", engine, sql, e);
            // InnoDB reports a deadlock (or lock wait timeout) met while taking the table's AUTO-INC lock, which an
            // INSERT … SELECT holds to its end (innodb_autoinc_lock_mode 1, the default), as "Failed to read
            // auto-increment value"; retrying the transaction is the remedy, as for 1213
            case 1467 -> new DeadlockDetected("deadlock detected while taking the auto-increment lock (MariaDB error "
                    + "1467); roll back and retry the transaction", engine, sql, e);
            case 1205 -> new LockTimeout("lock wait timeout exceeded; only the statement was rolled back, roll back "
                    + "and retry the transaction", engine, sql, e);
            case 3572 -> new LockTimeout("lock not available (NOWAIT)", engine, sql, e);
            case 1969, 3024, 1317 -> new QueryTimeout("statement cancelled: it ran past its timeout", engine, sql, e);
            case 1792 -> new ReadOnlyViolation(ErrorTranslator.READ_ONLY, engine, sql, e);
            // KILL CONNECTION (1927), server shutdown (1053), "server has gone away" (2006), lost during a query (2013)
            case 1927 -> ErrorTranslator.lost("the server killed the connection", engine, sql, e);
            case 1053 -> ErrorTranslator.lost("the server is shutting down", engine, sql, e);
            case 2006, 2013 -> ErrorTranslator.lost("the server went away", engine, sql, e);
            default -> ErrorTranslator.byClass(engine, sql, e, e.getSQLState() == null ? "" : e.getSQLState());
        };
    }

    @Override
    public void configurePool(HikariConfig h, DatabaseConfig config, DatabaseUrl url) {
        h.setJdbcUrl("jdbc:mariadb://" + Pools.hostPort(url) + "/" + url.database());
        h.addDataSourceProperty("cachePrepStmts", "true");
        // Server-side prepare avoids re-parsing on every execute and is required for the bulk protocol.
        h.addDataSourceProperty("useServerPrepStmts", "true");
    }

    @Override
    public String versionQuery() {
        return "SELECT VERSION()";
    }

    @Override
    public void refineFeatures(Connection c, int major, int minor, int patch,
                               java.util.Set<io.covet.core.dialect.Feature> features) throws SQLException {
        // Only MySQL reports 8.0.x (MariaDB's versions start at 10), so these apply to MySQL alone.
        if (major == 8 && minor == 0 && patch < 31) {
            features.remove(io.covet.core.dialect.Feature.INTERSECT_EXCEPT);
        }
        if (major == 8 && minor == 0 && patch < 14) {
            features.remove(io.covet.core.dialect.Feature.LATERAL);
        }
        // LOAD DATA LOCAL is a server setting (off by default on MySQL 8), not a version fact
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.local_infile")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                features.remove(io.covet.core.dialect.Feature.LOAD_DATA_LOCAL);
            }
        }
    }

    @Override
    public boolean retriesLockTimeout(io.covet.core.error.LockTimeout timeout) {
        return timeout.vendorCode() == 1205;
    }

    @Override
    public String twoPhaseCommitRemedy() {
        return "Use PostgreSQL or MariaDB for the data that must commit together.";
    }

    @Override
    public void bindInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setTimestamp(index, Timestamp.from(t), Calendar.getInstance(UTC));
    }

    @Override
    public void bindUuid(PreparedStatement ps, int index, UUID u) throws SQLException {
        ps.setString(index, u.toString());
    }

    @Override
    public Timeouts.Guard applyTimeout(Statement st, Duration timeout) throws SQLException {
        // the driver turns the query timeout into max_statement_time
        return Timeouts.byServer(st, timeout);
    }

    @Override
    public long bulkLoad(Connection c, Engine engine, String table, String columns, int width,
                         java.util.Iterator<Object[]> rows) throws SQLException {
        return BulkLoader.multiRowInsert(c, engine, table, columns, width, rows);
    }

    @Override
    public String loadTextSql(String table, List<String> quotedColumns, java.util.Set<Integer> hexColumns) {
        // the default field and line format (tab, newline, backslash escapes, \N); bytes come as hex
        StringBuilder sql = new StringBuilder("LOAD DATA LOCAL INFILE 'covet-rows' INTO TABLE ").append(table)
                .append(" CHARACTER SET utf8mb4 (");
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < quotedColumns.size(); i++) {
            sql.append(i == 0 ? "" : ", ");
            if (hexColumns.contains(i)) {
                sql.append("@covet_").append(i);
                set.append(set.length() == 0 ? " SET " : ", ").append(quotedColumns.get(i)).append(" = UNHEX(@covet_")
                        .append(i).append(')');
            } else {
                sql.append(quotedColumns.get(i));
            }
        }
        return sql.append(')').append(set).toString();
    }

    @Override
    public long loadText(Connection c, String sql, java.io.InputStream text) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(text);
            long n = s.executeLargeUpdate(sql);
            // LOCAL turns bad values and duplicate keys into warnings (the server cannot stop the client's stream)
            List<String> warnings = new ArrayList<>();
            for (java.sql.SQLWarning w = s.getWarnings(); w != null && warnings.size() < 3; w = w.getNextWarning()) {
                warnings.add(w.getMessage());
            }
            if (!warnings.isEmpty()) {
                throw new SQLException("the load changed or skipped values: " + String.join("; ", warnings), "22000");
            }
            return n;
        }
    }

    @Override
    public String deadlockReport(Connection c) throws SQLException {
        return DeadlockReports.innodb(c);
    }

    @Override
    public Isolation defaultIsolation() {
        return Isolation.REPEATABLE_READ;
    }

    @Override
    public boolean locksForWritesAtBegin(Optional<Boolean> asked, boolean readOnly) {
        return false;
    }

    @Override
    public void begin(Connection c, Isolation isolation, boolean readOnly, boolean lockForWrites) throws SQLException {
        c.setAutoCommit(false);
        if (isolation != null) {
            // Without SESSION this applies to the next transaction only.
            exec(c, "SET TRANSACTION ISOLATION LEVEL " + isolation.sql());
        }
        if (readOnly) {
            exec(c, "START TRANSACTION READ ONLY");
        }
    }

    @Override
    public void beginBranch(Connection c, String gid) throws SQLException {
        exec(c, "XA START '" + checkedGid(gid) + "'");
    }

    @Override
    public void prepareBranch(Connection c, String gid) throws SQLException {
        exec(c, "XA END '" + checkedGid(gid) + "'");
        exec(c, "XA PREPARE '" + gid + "'");
    }

    @Override
    public void abortBranch(Connection c, String gid) throws SQLException {
        try {
            exec(c, "XA END '" + checkedGid(gid) + "'");
        } catch (SQLException alreadyEnded) {
            // XA END fails when the branch already ended or failed; XA ROLLBACK below still applies.
        }
        exec(c, "XA ROLLBACK '" + gid + "'");
    }

    @Override
    public void finishPrepared(Connection c, String gid, boolean commit) throws SQLException {
        exec(c, (commit ? "XA COMMIT '" : "XA ROLLBACK '") + checkedGid(gid) + "'");
    }

    @Override
    public List<String> inDoubt(Connection c, String prefix) throws SQLException {
        List<String> gids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("XA RECOVER")) {
            while (rs.next()) {
                // XA RECOVER's data column is gtrid followed by bqual; Covet's branches have an empty bqual.
                String gid = rs.getString("data");
                if (gid != null && gid.startsWith(prefix)) {
                    gids.add(gid);
                }
            }
        }
        return gids;
    }
}
