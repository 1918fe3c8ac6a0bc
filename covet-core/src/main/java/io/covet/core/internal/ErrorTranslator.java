package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DataAccessException;
import io.covet.core.error.QueryTimeout;
import io.covet.core.error.SerializationFailure;
import io.covet.core.error.SqlSyntaxError;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a driver's {@link SQLException} onto Covet's exception hierarchy from the engine's SQLState and vendor
 * code. The error numbers themselves are each engine's own ({@link EngineSpecifics#translate}); this class
 * unwraps batch failures and holds what the engines share (classification by SQLState class). Not an API.
 */
public final class ErrorTranslator {
    static final String READ_ONLY = "write refused: the transaction or database is read-only; "
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
        return EngineSpecifics.of(engine).translate(engine, sql, unwrapBatch(e));
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

    static DataAccessException byClass(Engine engine, String sql, SQLException e, String state) {
        if (e instanceof SQLTimeoutException) {
            return new QueryTimeout("statement cancelled: it ran past its timeout", engine, sql, e);
        }
        if (state.startsWith("08") || e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException || causedByIo(e)) {
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

    /**
     * Whether the driver failed on the socket (an {@link IOException} in the cause chain): the server died,
     * restarted or the network dropped the connection under a running statement. Drivers do not always give
     * such failures an 08 SQLState (pgjdbc may leave it empty when the stream ends mid-message).
     */
    static boolean causedByIo(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** A lost connection, named as such for every engine. */
    static ConnectionFailure lost(String why, Engine engine, String sql, SQLException e) {
        return new ConnectionFailure("the connection to the server was lost (" + why + "); the statement's "
                + "effect is unknown unless it ran in a transaction, which the server rolled back", engine, sql, e);
    }

    static DataAccessException generic(Engine engine, String sql, SQLException e) {
        return byClass(engine, sql, e, e.getSQLState() == null ? "" : e.getSQLState());
    }

    static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
