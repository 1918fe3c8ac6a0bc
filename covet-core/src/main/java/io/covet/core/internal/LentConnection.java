package io.covet.core.internal;

import io.covet.core.pool.EvictionReason;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection a {@link ManagedPool} lends when it must see it come back (check-in hooks, shrinking, lease
 * tracking): every call goes to HikariCP's connection, except {@code close()}, which checks it in once.
 */
final class LentConnection extends DelegatingConnection {
    private final PooledConnection pc;
    private final ManagedPool pool;
    private boolean returned;

    LentConnection(Connection hikari, PooledConnection pc, ManagedPool pool) {
        super(hikari);
        this.pc = pc;
        this.pool = pool;
    }

    synchronized void evict() {
        if (!returned) {
            returned = true;
            pool.evict(delegate, pc, EvictionReason.EVICTED);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        if (!returned) {
            returned = true;
            pool.checkin(delegate, pc);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        synchronized (this) {
            if (returned) {
                return true;
            }
        }
        return delegate.isClosed();
    }

    @Override
    public String toString() {
        return "covet-lent:" + delegate;
    }
}
