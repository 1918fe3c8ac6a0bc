package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * The connection to the server could not be opened or was lost (SQLState class 08), or none was free in time
 * ({@link PoolExhausted}). Messages name host and port, never the password.
 */
public class ConnectionFailure extends DataAccessException {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     */
    public ConnectionFailure(String summary, Engine engine, String sql, SQLException cause) {
        super(summary, engine, sql, cause);
    }

    /** Always true: the server may be reachable again. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
