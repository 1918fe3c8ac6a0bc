package io.covet.core.internal;

import io.covet.core.pool.EvictionReason;

import java.sql.Connection;
import java.util.Arrays;

/**
 * What Covet knows about one physical connection of a managed pool: when it was opened and last returned, who
 * holds it now, and the reason Covet asked HikariCP to evict it, if it did. Written by the thread that holds the
 * connection and read by the monitor. A check-out publishes one immutable {@link Lease} and a check-in clears it,
 * so the lending path pays for one volatile write each way instead of one per field.
 */
final class PooledConnection {
    /** One check-out: {@link System#nanoTime()} when it began, the borrowing thread, and where, when tracked. */
    record Lease(long at, Thread thread, StackTraceElement[] stack, String caller) {
        String threadName() {
            return thread.getName();
        }
    }

    final Connection physical;
    final long openedAt;
    volatile long returnedAt;
    /** The current check-out; null while idle. */
    volatile Lease lease;
    /** The lease the monitor last reported as a leak, so each leak is reported once. */
    volatile Lease leakReported;
    volatile EvictionReason evictedFor;

    PooledConnection(Connection physical, long now) {
        this.physical = physical;
        this.openedAt = now;
        this.returnedAt = now;
    }

    void lease(long now, StackTraceElement[] stack, String caller) {
        this.lease = new Lease(now, Thread.currentThread(), stack, caller);
    }

    void endLease(long now) {
        this.lease = null;
        this.returnedAt = now;
    }

    /** The calling thread's stack from the first frame outside Covet's own plumbing, JDBC and the JDK. */
    static StackTraceElement[] callerStack() {
        StackTraceElement[] all = new Throwable().getStackTrace();
        int from = 0;
        while (from < all.length && internal(all[from].getClassName())) {
            from++;
        }
        return Arrays.copyOfRange(all, from, all.length);
    }

    private static boolean internal(String cls) {
        return cls.startsWith("io.covet.core.internal.") || cls.startsWith("io.covet.core.tx.internal.")
                || cls.startsWith("io.covet.core.Database") || cls.startsWith("io.covet.core.SqlStatement")
                || cls.startsWith("io.covet.core.BulkLoad") || cls.startsWith("io.covet.orm.internal.")
                || cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("com.sun.proxy")
                || cls.startsWith("com.zaxxer.");
    }

    /** {@code Class.method} of the stack's first frame, or {@code unknown}. */
    static String caller(StackTraceElement[] stack) {
        return stack.length == 0 ? "unknown" : stack[0].getClassName() + "." + stack[0].getMethodName();
    }
}
