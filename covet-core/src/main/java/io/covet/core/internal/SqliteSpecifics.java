package io.covet.core.internal;

import com.zaxxer.hikari.HikariConfig;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.error.CheckViolation;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DataAccessException;
import io.covet.core.error.ForeignKeyViolation;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.NotNullViolation;
import io.covet.core.error.QueryTimeout;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.core.error.SerializationFailure;
import io.covet.core.error.SqlSyntaxError;
import io.covet.core.error.UniqueViolation;
import io.covet.core.tx.Isolation;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.covet.core.internal.EngineSpecifics.exec;

/**
 * SQLite through xerial's driver: extended result codes, values as the text or numbers SQLite compares
 * correctly, a timer that interrupts a statement past its timeout, and transactions Covet begins itself.
 *
 * <p>The driver begins its own transaction as soon as JDBC autocommit is switched off, always DEFERRED, and
 * begins again right after each commit; Covet therefore leaves autocommit on and sends
 * {@code BEGIN IMMEDIATE|DEFERRED}, {@code COMMIT} and {@code ROLLBACK} itself. {@code PRAGMA query_only} is per
 * connection and is switched off again before the connection goes back. Not an API.
 */
final class SqliteSpecifics implements EngineSpecifics {
    static final SqliteSpecifics INSTANCE = new SqliteSpecifics();

    private static final Pattern COLUMNS = Pattern.compile("constraint failed: ([^)]+)");
    private static final DateTimeFormatter LOCAL_DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private SqliteSpecifics() {
    }

    @Override
    public DataAccessException translate(Engine engine, String sql, SQLException e) {
        if (!(e instanceof SQLiteException se)) {
            // xerial reports a cancelled statement without a result code in some paths
            if (e instanceof SQLTimeoutException) {
                return new QueryTimeout("statement cancelled: it ran past its timeout", engine, sql, e);
            }
            return ErrorTranslator.generic(engine, sql, e);
        }
        SQLiteErrorCode code = se.getResultCode();
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String columns = ErrorTranslator.group(COLUMNS, msg);
        // The cases below are SQLite result codes (SQLiteErrorCode), not engines.
        // extended I/O and open codes (SQLITE_IOERR_WRITE, SQLITE_CANTOPEN_ISDIR, …) share their primary code
        int primary = code.code & 0xff;
        if (primary == SQLiteErrorCode.SQLITE_IOERR.code || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            return new ConnectionFailure("cannot open, read or write the SQLite database file (" + code.name()
                    + "); check that the file and its directory exist and are writable", engine, sql, e);
        }
        return switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY ->
                    new UniqueViolation("duplicate value refused by a unique constraint", engine, sql, e, columns);
            case SQLITE_CONSTRAINT_FOREIGNKEY -> new ForeignKeyViolation("foreign key constraint violated", engine, sql, e, null);
            // ON DELETE/UPDATE RESTRICT is enforced by an internal trigger and reported as a trigger constraint.
            case SQLITE_CONSTRAINT_TRIGGER -> msg.contains("FOREIGN KEY constraint failed")
                    ? new ForeignKeyViolation("foreign key constraint violated (RESTRICT)", engine, sql, e, null)
                    : new DataAccessException("a trigger refused the change", engine, sql, e);
            case SQLITE_CONSTRAINT_NOTNULL -> new NotNullViolation("NULL written to a NOT NULL column", engine, sql, e, columns);
            case SQLITE_CONSTRAINT_CHECK -> new CheckViolation("check constraint violated", engine, sql, e, columns);
            case SQLITE_BUSY_SNAPSHOT -> new SerializationFailure("the transaction's snapshot went stale before it could "
                    + "write; retry the transaction", engine, sql, e);
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED, SQLITE_LOCKED_SHAREDCACHE ->
                    new LockTimeout("database is locked by another connection (busy_timeout elapsed or a lock "
                            + "upgrade would deadlock); retry the transaction", engine, sql, e);
            case SQLITE_INTERRUPT -> new QueryTimeout("statement interrupted: it ran past its timeout", engine, sql, e);
            case SQLITE_READONLY, SQLITE_READONLY_DBMOVED, SQLITE_READONLY_CANTLOCK, SQLITE_READONLY_ROLLBACK,
                 SQLITE_READONLY_RECOVERY -> new ReadOnlyViolation(ErrorTranslator.READ_ONLY, engine, sql, e);
            case SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_IOERR -> new ConnectionFailure("cannot open or read the SQLite "
                    + "database file", engine, sql, e);
            case SQLITE_ERROR -> msg.contains("syntax error") || msg.contains("no such")
                    ? new SqlSyntaxError("the statement was rejected", engine, sql, e)
                    : new DataAccessException("statement failed", engine, sql, e);
            default -> new DataAccessException("statement failed", engine, sql, e);
        };
    }

    @Override
    public void configurePool(HikariConfig h, DatabaseConfig config, DatabaseUrl url) {
        String file = url.inMemory()
                // A named shared-cache memory database, so the pool's one connection can be replaced
                // without losing data while any connection is open.
                ? "file:covet-mem-" + UUID.randomUUID() + "?mode=memory&cache=shared"
                : url.database();
        h.setJdbcUrl("jdbc:sqlite:" + file);
        if (!url.inMemory()) {
            h.addDataSourceProperty("journal_mode", "WAL");
            h.addDataSourceProperty("synchronous", "NORMAL");
        }
        h.addDataSourceProperty("busy_timeout", String.valueOf(config.sqliteBusyTimeout().toMillis()));
        h.addDataSourceProperty("foreign_keys", "true");
        // xerial stores java.util.Date as milliseconds by default; Covet binds time as ISO text itself.
        h.addDataSourceProperty("date_class", "TEXT");
        if (url.inMemory()) {
            // Never retire the only connection of a memory database: its data lives only while it is open.
            h.setMaxLifetime(0);
            h.setIdleTimeout(0);
        }
    }

    @Override
    public String versionQuery() {
        return "SELECT sqlite_version()";
    }

    @Override
    public void refineFeatures(Connection c, int major, int minor, int patch,
                               java.util.Set<io.covet.core.dialect.Feature> features) throws SQLException {
        // JSON and FTS5 are compile-time options of SQLite
        if (ServerProbe.succeeds(c, "SELECT json('{}')")) {
            features.add(io.covet.core.dialect.Feature.JSON);
        }
        if ("1".equals(ServerProbe.scalar(c, "SELECT sqlite_compileoption_used('ENABLE_FTS5')"))) {
            features.add(io.covet.core.dialect.Feature.FULLTEXT_FTS5);
        }
    }

    @Override
    public boolean retriesLockTimeout(io.covet.core.error.LockTimeout timeout) {
        return true;
    }

    @Override
    public String twoPhaseCommitRemedy() {
        return "Keep the data that must change together in one SQLite database, or use "
                + "PostgreSQL/MariaDB for it.";
    }

    @Override
    public String connectionHint() {
        return "check that the file's directory exists and is writable";
    }

    /**
     * SQLite has no decimal type and xerial binds a BigDecimal as text, which compares as text against numbers
     * ({@code SUM(x) > '10'} is always true). Bind a number where that loses nothing: an integer for a value
     * written without a fraction that fits in a long, a double for up to 15 significant digits (what SQLite
     * itself keeps exactly, and what a NUMERIC column would convert the text into anyway). A value with a scale,
     * even 3.00, stays a double so that {@code x / ?} does not divide as integers. Wider values stay text, so
     * their digits survive in a TEXT column.
     */
    @Override
    public void bindDecimal(PreparedStatement ps, int index, BigDecimal d) throws SQLException {
        if (d.scale() <= 0 && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
            ps.setLong(index, d.longValueExact());
        } else if (d.precision() <= 15) {
            ps.setDouble(index, d.doubleValue());
        } else {
            ps.setString(index, d.toPlainString());
        }
    }

    @Override
    public void bindInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setString(index, INSTANT.format(t));
    }

    @Override
    public void bindLocal(PreparedStatement ps, int index, Temporal t) throws SQLException {
        if (t instanceof LocalDateTime dt) {
            // Fixed width (always six fraction digits) so that text comparison and ORDER BY follow time order;
            // LocalDateTime.toString() drops zero seconds and varies the fraction's width.
            ps.setString(index, LOCAL_DATETIME.format(dt));
        } else {
            ps.setString(index, t.toString());
        }
    }

    @Override
    public void bindUuid(PreparedStatement ps, int index, UUID u) throws SQLException {
        ps.setString(index, u.toString());
    }

    @Override
    public Timeouts.Guard applyTimeout(Statement st, Duration timeout) {
        // no server to cancel it: Statement.cancel() interrupts the running statement (sqlite3_interrupt)
        return Timeouts.byTimer(st, timeout);
    }

    @Override
    public long bulkLoad(Connection c, Engine engine, String table, String columns, int width,
                         java.util.Iterator<Object[]> rows) throws SQLException {
        return BulkLoader.batch(c, engine, table, columns, width, rows);
    }

    @Override
    public String deadlockReport(Connection c) throws SQLException {
        // one writer at a time: SQLite reports a busy database, never a deadlock
        return null;
    }

    @Override
    public Isolation defaultIsolation() {
        return Isolation.SERIALIZABLE;
    }

    @Override
    public Isolation effective(Isolation asked) {
        // one writer at a time and snapshot reads: every transaction is serializable whatever was asked
        return Isolation.SERIALIZABLE;
    }

    @Override
    public boolean locksForWritesAtBegin(Optional<Boolean> asked, boolean readOnly) {
        return asked.orElse(!readOnly);
    }

    @Override
    public void begin(Connection c, Isolation isolation, boolean readOnly, boolean lockForWrites) throws SQLException {
        if (readOnly) {
            exec(c, "PRAGMA query_only = ON");
        }
        try {
            exec(c, lockForWrites ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
        } catch (SQLException e) {
            if (readOnly) {
                try {
                    exec(c, "PRAGMA query_only = OFF");
                } catch (SQLException | RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    @Override
    public void commit(Connection c) throws SQLException {
        exec(c, "COMMIT");
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        try {
            exec(c, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite rolls some failed transactions back by itself (e.g. on SQLITE_FULL or an I/O error).
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                throw e;
            }
        }
    }

    @Override
    public void reset(Connection c, boolean readOnly) throws SQLException {
        if (readOnly) {
            exec(c, "PRAGMA query_only = OFF");
        }
    }

    // Two-phase commit is refused before a branch could begin (no Feature.TWO_PHASE_COMMIT on SQLite).

    @Override
    public void beginBranch(Connection c, String gid) throws SQLException {
        throw noTwoPhaseCommit();
    }

    @Override
    public void prepareBranch(Connection c, String gid) throws SQLException {
        throw noTwoPhaseCommit();
    }

    @Override
    public void abortBranch(Connection c, String gid) throws SQLException {
        throw noTwoPhaseCommit();
    }

    @Override
    public void finishPrepared(Connection c, String gid, boolean commit) throws SQLException {
        throw noTwoPhaseCommit();
    }

    @Override
    public List<String> inDoubt(Connection c, String prefix) throws SQLException {
        throw noTwoPhaseCommit();
    }

    private static SQLException noTwoPhaseCommit() {
        return new SQLFeatureNotSupportedException("SQLite has no two-phase commit");
    }
}
