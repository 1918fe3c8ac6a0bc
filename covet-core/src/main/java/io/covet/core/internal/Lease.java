package io.covet.core.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection borrowed for one operation. Closing the lease returns a pooled connection; a connection that
 * belongs to a surrounding unit of work (a transaction, later) is left open for it.
 */
public final class Lease implements AutoCloseable {
    private final Connection connection;
    private final boolean owned;

    Lease(Connection connection, boolean owned) {
        this.connection = connection;
        this.owned = owned;
    }

    /** The connection; valid until {@link #close()}. */
    public Connection connection() {
        return connection;
    }

    /** Whether this lease took the connection from the pool (and so may change its autocommit mode). */
    public boolean owned() {
        return owned;
    }

    @Override
    public void close() throws SQLException {
        if (owned) {
            connection.close();
        }
    }
}
