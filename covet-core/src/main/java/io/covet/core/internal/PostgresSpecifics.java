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
import io.covet.core.error.SerializationFailure;
import io.covet.core.error.UniqueViolation;
import io.covet.core.tx.Isolation;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.covet.core.internal.EngineSpecifics.checkedGid;
import static io.covet.core.internal.EngineSpecifics.exec;

/**
 * PostgreSQL through pgjdbc: SQLState error codes (the constraint named in the server's error fields),
 * {@code timestamptz} and native UUIDs, {@code SET TRANSACTION} after the driver's {@code BEGIN}, cursors only
 * inside a transaction, two-phase commit with {@code PREPARE TRANSACTION}. Not an API.
 */
final class PostgresSpecifics implements EngineSpecifics {
    static final PostgresSpecifics INSTANCE = new PostgresSpecifics();

    private PostgresSpecifics() {
    }

    @Override
    public DataAccessException translate(Engine engine, String sql, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String constraint = null;
        if (e instanceof PSQLException pe) {
            ServerErrorMessage m = pe.getServerErrorMessage();
            if (m != null) {
                constraint = m.getConstraint();
            }
        }
        return switch (state) {
            case "23505" -> new UniqueViolation("duplicate value refused by a unique constraint", engine, sql, e, constraint);
            case "23503" -> new ForeignKeyViolation("foreign key constraint violated", engine, sql, e, constraint);
            case "23502" -> new NotNullViolation("NULL written to a NOT NULL column", engine, sql, e, constraint);
            case "23514" -> new CheckViolation("check constraint violated", engine, sql, e, constraint);
            case "40P01" -> new DeadlockDetected("deadlock detected; the transaction was rolled back, retry it", engine, sql, e);
            case "40001" -> new SerializationFailure("could not serialize access; retry the transaction", engine, sql, e);
            case "55P03" -> new LockTimeout("lock not available (lock_timeout or NOWAIT)", engine, sql, e);
            case "57014" -> new QueryTimeout("statement cancelled: it ran past its timeout", engine, sql, e);
            case "25006" -> new ReadOnlyViolation(ErrorTranslator.READ_ONLY, engine, sql, e);
            // the server ended the session: pg_terminate_backend or a fast shutdown (57P01), an immediate
            // shutdown or crash of another backend (57P02), or it is starting up or shutting down (57P03)
            case "57P01" -> ErrorTranslator.lost("the server terminated the session", engine, sql, e);
            case "57P02" -> ErrorTranslator.lost("the server crashed or shut down immediately", engine, sql, e);
            case "57P03" -> ErrorTranslator.lost("the server is starting up or shutting down", engine, sql, e);
            default -> ErrorTranslator.byClass(engine, sql, e, state);
        };
    }

    @Override
    public void configurePool(HikariConfig h, DatabaseConfig config, DatabaseUrl url) {
        h.setJdbcUrl("jdbc:postgresql://" + Pools.hostPort(url) + "/" + url.database());
        h.addDataSourceProperty("ApplicationName", "covet");
        // Prepared statements become server-side after 5 uses (driver default) and are cached per connection.
        h.addDataSourceProperty("prepareThreshold", "5");
    }

    @Override
    public String versionQuery() {
        return "SHOW server_version";
    }

    @Override
    public void refineFeatures(Connection c, int major, int minor, int patch,
                               java.util.Set<io.covet.core.dialect.Feature> features) throws SQLException {
        if (Integer.parseInt(ServerProbe.scalar(c, "SHOW max_prepared_transactions")) == 0) {
            features.remove(io.covet.core.dialect.Feature.TWO_PHASE_COMMIT);
        }
    }

    @Override
    public boolean retriesLockTimeout(io.covet.core.error.LockTimeout timeout) {
        // 55P03 (lock_timeout, NOWAIT) is not retried by default
        return false;
    }

    @Override
    public String twoPhaseCommitRemedy() {
        return "Set max_prepared_transactions above 0 on the server (it needs a restart).";
    }

    @Override
    public void bindInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setObject(index, t.atOffset(ZoneOffset.UTC));
    }

    @Override
    public void bindArray(PreparedStatement ps, int index, io.covet.core.SqlArray a) throws SQLException {
        // dates and times as the text pgjdbc sends for a scalar (its createArrayOf would use toString(), which
        // PostgreSQL refuses for years before 1 or past 9999 and rounds differently)
        ps.setArray(index, ps.getConnection().createArrayOf(a.elementType(), PgArrayText.elements(a.elements())));
    }

    @Override
    public void bindNativeText(PreparedStatement ps, int index, String text) throws SQLException {
        // no declared type: the server infers it from the column (enum, domain, tsvector, array…), as it does for a
        // quoted literal; a varchar parameter would need a cast PostgreSQL does not have for those types
        ps.setObject(index, text, java.sql.Types.OTHER);
    }

    @Override
    public void bindUuid(PreparedStatement ps, int index, UUID u) throws SQLException {
        ps.setObject(index, u);
    }

    @Override
    public Timeouts.Guard applyTimeout(Statement st, Duration timeout) throws SQLException {
        return Timeouts.byServer(st, timeout);
    }

    @Override
    public PreparedStatement prepareReturningKeys(Connection c, String sql, String[] keyColumns) throws SQLException {
        // pgjdbc appends RETURNING for exactly these columns
        return c.prepareStatement(sql, keyColumns);
    }

    @Override
    public boolean streamsInsideTransactionOnly() {
        // pgjdbc reads the whole result into memory in autocommit mode, whatever the fetch size
        return true;
    }

    @Override
    public String bulkLoadSql(String table, String cols, int width) {
        return "COPY " + table + " (" + cols + ") FROM STDIN";
    }

    @Override
    public long bulkLoad(Connection c, Engine engine, String table, String columns, int width,
                         java.util.Iterator<Object[]> rows) throws SQLException {
        return BulkLoader.copy(c, "COPY " + table + " (" + columns + ") FROM STDIN", width, rows);
    }

    @Override
    public String deadlockReport(Connection c) throws SQLException {
        return "pg_locks joined with pg_stat_activity, right after the deadlock:\n" + DeadlockReports.postgres(c);
    }

    @Override
    public Isolation defaultIsolation() {
        return Isolation.READ_COMMITTED;
    }

    @Override
    public boolean locksForWritesAtBegin(Optional<Boolean> asked, boolean readOnly) {
        return false;
    }

    @Override
    public void begin(Connection c, Isolation isolation, boolean readOnly, boolean lockForWrites) throws SQLException {
        c.setAutoCommit(false);
        if (isolation != null || readOnly) {
            // pgjdbc sends BEGIN first, so this is the transaction's first statement, as PostgreSQL requires.
            exec(c, "SET TRANSACTION" + (isolation != null ? " ISOLATION LEVEL " + isolation.sql() : "")
                    + (readOnly ? (isolation != null ? "," : "") + " READ ONLY" : ""));
        }
    }

    @Override
    public void beginBranch(Connection c, String gid) throws SQLException {
        c.setAutoCommit(false);
    }

    @Override
    public void prepareBranch(Connection c, String gid) throws SQLException {
        // PostgreSQL turns PREPARE TRANSACTION of an aborted transaction into a rollback without an error;
        // refuse instead, or the coordinator would decide to commit a branch that no longer exists.
        if (c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                == org.postgresql.core.TransactionState.FAILED) {
            throw new SQLException("the branch's transaction was aborted by an earlier error", "25P02");
        }
        exec(c, "PREPARE TRANSACTION '" + checkedGid(gid) + "'");
        // The prepared transaction no longer belongs to the session; COMMIT PREPARED must run outside a block.
        c.setAutoCommit(true);
    }

    @Override
    public void abortBranch(Connection c, String gid) throws SQLException {
        c.rollback();
        c.setAutoCommit(true);
    }

    @Override
    public void finishPrepared(Connection c, String gid, boolean commit) throws SQLException {
        exec(c, (commit ? "COMMIT PREPARED '" : "ROLLBACK PREPARED '") + checkedGid(gid) + "'");
    }

    @Override
    public List<String> inDoubt(Connection c, String prefix) throws SQLException {
        List<String> gids = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()")) {
            while (rs.next()) {
                String gid = rs.getString(1);
                if (gid != null && gid.startsWith(prefix)) {
                    gids.add(gid);
                }
            }
        }
        return gids;
    }
}
