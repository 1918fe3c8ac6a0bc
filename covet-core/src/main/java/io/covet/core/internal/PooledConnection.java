package io.covet.core.internal;

import io.covet.core.pool.EvictionReason;

import java.sql.Connection;

/**
 * What Covet knows about one physical connection of a managed pool: when it was opened and last returned, who
 * holds it now, and the reason Covet asked HikariCP to evict it, if it did. Fields are written by the thread that
 * holds the connection and read by the monitor, hence volatile.
 */
final class PooledConnection {
    final Connection physical;
    final long openedAt;
    volatile long returnedAt;
    /** {@link System#nanoTime()} of the current check-out; 0 while idle. */
    volatile long leasedAt;
    volatile String leasedBy;
    volatile StackTraceElement[] leaseStack;
    volatile String caller;
    volatile boolean leakReported;
    volatile EvictionReason evictedFor;

    PooledConnection(Connection physical, long now) {
        this.physical = physical;
        this.openedAt = now;
        this.returnedAt = now;
    }

    void lease(long now, String thread, StackTraceElement[] stack, String caller) {
        this.leaseStack = stack;
        this.caller = caller;
        this.leasedBy = thread;
        this.leakReported = false;
        this.leasedAt = now;
    }

    void endLease(long now) {
        this.leasedAt = 0;
        this.returnedAt = now;
        this.leaseStack = null;
        this.caller = null;
    }
}
