package io.covet.core.internal;

import io.covet.core.pool.EvictionReason;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection a {@link ManagedPool} lends when it must see it come back (check-in hooks, shrinking, lease
 * tracking): every call goes to HikariCP's connection, except {@code close()}, which checks it in once. It is
 * also the check-out's {@link PooledConnection.Lease} record. The first {@code close()} or eviction wins a
 * compare-and-set, so a second one, from any thread, does nothing and nobody takes a lock.
 */
final class LentConnection extends DelegatingConnection implements PooledConnection.Lease {
    private static final VarHandle RETURNED;

    static {
        try {
            RETURNED = MethodHandles.lookup().findVarHandle(LentConnection.class, "returned", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PooledConnection pc;
    private final ManagedPool pool;
    private final long at;
    private final Thread thread;
    private final StackTraceElement[] stack;
    private final String caller;
    private volatile boolean returned;

    /** A check-out that began at {@code at} on the calling thread, taken at {@code stack} (null: not tracked). */
    LentConnection(Connection hikari, PooledConnection pc, ManagedPool pool, long at, StackTraceElement[] stack,
                   String caller) {
        super(hikari);
        this.pc = pc;
        this.pool = pool;
        this.at = at;
        this.thread = Thread.currentThread();
        this.stack = stack;
        this.caller = caller;
    }

    /** Whether this call is the one that gives the connection back (the first close or eviction). */
    private boolean claim() {
        return !returned && RETURNED.compareAndSet(this, false, true);
    }

    void evict() {
        if (claim()) {
            pool.evict(delegate, pc, EvictionReason.EVICTED);
        }
    }

    @Override
    public void close() throws SQLException {
        if (claim()) {
            pool.checkin(delegate, pc);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return returned || delegate.isClosed();
    }

    @Override
    public long at() {
        return at;
    }

    @Override
    public Thread thread() {
        return thread;
    }

    @Override
    public StackTraceElement[] stack() {
        return stack;
    }

    @Override
    public String caller() {
        return caller;
    }

    @Override
    public String toString() {
        return "covet-lent:" + delegate;
    }
}
