package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A statement failed on the database. Carries the engine's SQLState and vendor code and the SQL text
 * (never the bound values, which may be secrets).
 *
 * <p>Subtypes name the conditions callers act on; {@link io.covet.core.internal.ErrorTranslator} maps each
 * engine's codes onto them.
 */
public class DataAccessException extends CovetException {
    private final Engine engine;
    private final String sqlState;
    private final int vendorCode;
    private final String sql;

    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, or null when no statement was running
     * @param cause   the driver's exception
     */
    public DataAccessException(String summary, Engine engine, String sql, SQLException cause) {
        super(compose(summary, engine, sql, cause), cause);
        this.engine = engine;
        this.sqlState = cause == null ? null : cause.getSQLState();
        this.vendorCode = cause == null ? 0 : cause.getErrorCode();
        this.sql = sql;
    }

    /** The engine that reported the error. */
    public Engine engine() {
        return engine;
    }

    /** The five-character SQLState, when the driver gave one. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /** The engine's own error number (MariaDB's 1062, SQLite's extended result code); 0 when there is none. */
    public int vendorCode() {
        return vendorCode;
    }

    /** The SQL text of the failed statement, without its bound values. */
    public Optional<String> sql() {
        return Optional.ofNullable(sql);
    }

    private static String compose(String summary, Engine engine, String sql, SQLException cause) {
        StringBuilder sb = new StringBuilder(summary);
        sb.append(" [").append(engine == null ? "unknown engine" : engine.displayName());
        if (cause != null) {
            if (cause.getSQLState() != null) {
                sb.append(", SQLState ").append(cause.getSQLState());
            }
            if (cause.getErrorCode() != 0) {
                sb.append(", code ").append(cause.getErrorCode());
            }
        }
        sb.append(']');
        if (cause != null && cause.getMessage() != null) {
            sb.append(": ").append(cause.getMessage().strip());
        }
        if (sql != null) {
            sb.append("\n  SQL: ").append(sql.length() > 2000 ? sql.substring(0, 2000) + " …" : sql);
        }
        return sb.toString();
    }
}
