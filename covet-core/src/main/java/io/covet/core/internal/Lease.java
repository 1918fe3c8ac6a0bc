package io.covet.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A connection borrowed for one operation. Closing the lease returns a pooled connection; a connection that
 * belongs to a surrounding transaction is left open for it, and the transaction is told the statement finished.
 */
public final class Lease implements AutoCloseable {
    private final Connection connection;
    private final boolean owned;
    private final Binding binding;
    private final Runnable afterClose;
    /** The pool that lent the connection unwrapped and takes it back through {@link ManagedPool#release}, or null. */
    private final ManagedPool pool;

    Lease(Connection connection, boolean owned) {
        this(connection, owned, null);
    }

    /** @param afterClose run once the connection went back (the pipeline's release notice), or null */
    Lease(Connection connection, boolean owned, Runnable afterClose) {
        this.connection = connection;
        this.owned = owned;
        this.binding = null;
        this.afterClose = afterClose;
        this.pool = null;
    }

    /** An owned lease on a connection of {@link ManagedPool#checkout()}; closing it calls {@link ManagedPool#release}. */
    Lease(ManagedPool pool, Connection connection) {
        this.connection = connection;
        this.owned = true;
        this.binding = null;
        this.afterClose = null;
        this.pool = pool;
    }

    private Lease(Connection connection, Binding binding) {
        this.connection = connection;
        this.owned = false;
        this.binding = binding;
        this.afterClose = null;
        this.pool = null;
    }

    /** What a transaction lends with its connection: a deadline for statements, and the end of one use. */
    public interface Binding {
        /** The timeout a statement may have: {@code requested} bounded by what remains of the transaction. */
        Duration timeout(Duration requested);

        /** Called once when the lease closes: the statement no longer uses the connection. */
        void release();
    }

    /** A non-owned lease on a transaction's connection; closing it calls {@link Binding#release()}. */
    public static Lease bound(Connection connection, Binding binding) {
        return new Lease(connection, binding);
    }

    /** The connection; valid until {@link #close()}. */
    public Connection connection() {
        return connection;
    }

    /** Whether this lease took the connection from the pool (and so may change its autocommit mode). */
    public boolean owned() {
        return owned;
    }

    /** The timeout a statement run on this lease gets; {@link Duration#ZERO} for none. */
    public Duration timeout(Duration requested) {
        return binding == null ? requested : binding.timeout(requested);
    }

    @Override
    public void close() throws SQLException {
        if (pool != null) {
            pool.release(connection);
        } else if (owned) {
            try {
                connection.close();
            } finally {
                if (afterClose != null) {
                    afterClose.run();
                }
            }
        } else if (binding != null) {
            binding.release();
        }
    }
}
