package io.covet.core.internal;

import io.covet.core.dialect.Engine;
import io.covet.core.error.CheckViolation;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DataAccessException;
import io.covet.core.error.DeadlockDetected;
import io.covet.core.error.ForeignKeyViolation;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.NotNullViolation;
import io.covet.core.error.QueryTimeout;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.core.error.SerializationFailure;
import io.covet.core.error.SqlSyntaxError;
import io.covet.core.error.UniqueViolation;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a driver's {@link SQLException} onto Covet's exception hierarchy from the engine's SQLState and vendor
 * code. The one place that knows each engine's error numbers.
 */
public final class ErrorTranslator {
    // MariaDB names the key in "Duplicate entry 'x' for key 'name'" and the FK in "CONSTRAINT `fk` FOREIGN KEY".
    private static final Pattern MARIADB_KEY = Pattern.compile("for key '([^']+)'");
    private static final Pattern MARIADB_CONSTRAINT = Pattern.compile("CONSTRAINT `([^`]+)`");
    private static final Pattern SQLITE_COLUMNS = Pattern.compile("constraint failed: ([^)]+)");

    private static final String READ_ONLY = "write refused: the transaction or database is read-only; "
            + "run the write in a read-write transaction";

    private ErrorTranslator() {
    }

    /**
     * Classifies {@code e}. The SQL text is attached to the result; bound values never are.
     *
     * @param engine the engine that raised it
     * @param sql    the statement, or null
     */
    public static DataAccessException translate(Engine engine, String sql, SQLException e) {
        SQLException root = unwrapBatch(e);
        return switch (engine.family()) {
            case POSTGRESQL -> postgres(engine, sql, root);
            case MARIADB -> mariadb(engine, sql, root);
            case SQLITE -> sqlite(engine, sql, root);
            default -> generic(engine, sql, root);
        };
    }

    private static SQLException unwrapBatch(SQLException e) {
        // A batch failure wraps the statement failure; classify by the cause that carries the real code.
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException();
        }
        if (e instanceof BatchUpdateException && e.getCause() instanceof SQLException cause) {
            return cause;
        }
        return e;
    }

    private static DataAccessException postgres(Engine engine, String sql, SQLException e) {
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
            case "25006" -> new ReadOnlyViolation(READ_ONLY, engine, sql, e);
            default -> byClass(engine, sql, e, state);
        };
    }

    private static DataAccessException mariadb(Engine engine, String sql, SQLException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        return switch (e.getErrorCode()) {
            case 1062, 1586 -> new UniqueViolation("duplicate value refused by a unique constraint", engine, sql, e,
                    group(MARIADB_KEY, msg));
            case 1451, 1452, 1216, 1217 -> new ForeignKeyViolation("foreign key constraint violated", engine, sql, e,
                    group(MARIADB_CONSTRAINT, msg));
            case 1048, 1364 -> new NotNullViolation("NULL written to a NOT NULL column", engine, sql, e, null);
            case 4025, 3819 -> new CheckViolation("check constraint violated", engine, sql, e, group(MARIADB_CONSTRAINT_Q, msg));
            case 1213 -> new DeadlockDetected("deadlock detected; the transaction was rolled back, retry it", engine, sql, e);
            case 1205 -> new LockTimeout("lock wait timeout exceeded; only the statement was rolled back, roll back "
                    + "and retry the transaction", engine, sql, e);
            case 3572 -> new LockTimeout("lock not available (NOWAIT)", engine, sql, e);
            case 1969, 3024, 1317 -> new QueryTimeout("statement cancelled: it ran past its timeout", engine, sql, e);
            case 1792 -> new ReadOnlyViolation(READ_ONLY, engine, sql, e);
            default -> byClass(engine, sql, e, e.getSQLState() == null ? "" : e.getSQLState());
        };
    }

    private static final Pattern MARIADB_CONSTRAINT_Q = Pattern.compile("CONSTRAINT `([^`]+)` failed");

    private static DataAccessException sqlite(Engine engine, String sql, SQLException e) {
        if (!(e instanceof SQLiteException se)) {
            // xerial reports a cancelled statement without a result code in some paths
            if (e instanceof SQLTimeoutException) {
                return new QueryTimeout("statement cancelled: it ran past its timeout", engine, sql, e);
            }
            return generic(engine, sql, e);
        }
        SQLiteErrorCode code = se.getResultCode();
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String columns = group(SQLITE_COLUMNS, msg);
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
                 SQLITE_READONLY_RECOVERY -> new ReadOnlyViolation(READ_ONLY, engine, sql, e);
            case SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_IOERR -> new ConnectionFailure("cannot open or read the SQLite "
                    + "database file", engine, sql, e);
            case SQLITE_ERROR -> msg.contains("syntax error") || msg.contains("no such")
                    ? new SqlSyntaxError("the statement was rejected", engine, sql, e)
                    : new DataAccessException("statement failed", engine, sql, e);
            default -> new DataAccessException("statement failed", engine, sql, e);
        };
    }

    private static DataAccessException byClass(Engine engine, String sql, SQLException e, String state) {
        if (e instanceof SQLTimeoutException) {
            return new QueryTimeout("statement cancelled: it ran past its timeout", engine, sql, e);
        }
        if (state.startsWith("08") || e instanceof SQLTransientConnectionException) {
            return new ConnectionFailure("the connection to the server failed", engine, sql, e);
        }
        if (state.startsWith("42")) {
            return new SqlSyntaxError("the statement was rejected", engine, sql, e);
        }
        if (state.equals("40001")) {
            return new SerializationFailure("could not serialize access; retry the transaction", engine, sql, e);
        }
        return new DataAccessException("statement failed", engine, sql, e);
    }

    private static DataAccessException generic(Engine engine, String sql, SQLException e) {
        return byClass(engine, sql, e, e.getSQLState() == null ? "" : e.getSQLState());
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
