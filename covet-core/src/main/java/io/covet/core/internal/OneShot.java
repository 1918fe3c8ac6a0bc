package io.covet.core.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A data source lending, once, a connection already borrowed from a pool: replica routing waits for a causal
 * token on a replica's connection and runs the read on that same connection. Whoever takes it closes it (back to
 * its pool); when nobody took it, {@link #closeIfUnused()} does.
 */
final class OneShot extends ReplicaSources.Source {
    private Connection connection;

    OneShot(Connection connection) {
        this.connection = connection;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (connection == null) {
            throw new SQLException("the connection this read waited on was already used", "08003");
        }
        Connection c = connection;
        connection = null;
        return c;
    }

    synchronized void closeIfUnused() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // back to its pool; a broken one is discarded there
            }
            connection = null;
        }
    }
}
