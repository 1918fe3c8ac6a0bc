package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * A statement ran past its timeout and was cancelled (PostgreSQL 57014, MariaDB 1969/3024, SQLite SQLITE_INTERRUPT). Raise the per-query timeout with {@code .timeout(…)} or make the query cheaper.
 */
public final class QueryTimeout extends DataAccessException {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     */
    public QueryTimeout(String summary, Engine engine, String sql, SQLException cause) {
        super(summary, engine, sql, cause);
    }

    /** Always true: a less loaded server may finish in time. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
