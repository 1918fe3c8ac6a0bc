package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * The engine rejected the statement's text or a name in it (SQLState class 42: syntax error, unknown table or column, insufficient privilege).
 */
public final class SqlSyntaxError extends DataAccessException {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     */
    public SqlSyntaxError(String summary, Engine engine, String sql, SQLException cause) {
        super(summary, engine, sql, cause);
    }

}
