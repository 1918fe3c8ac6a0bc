package io.covet.core.internal;

import io.covet.core.pool.EvictionReason;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.util.Arrays;

/**
 * What Covet knows about one physical connection of a managed pool: when it was opened and last returned, who
 * holds it now, how often it was lent, and the reason Covet asked HikariCP to evict it, if it did. Written by the
 * thread that holds the connection and read by the monitor and the stats. A check-out publishes one immutable
 * {@link Lease} and a check-in clears it, with release stores rather than volatile ones: the readers only need to
 * see a whole lease or none, and HikariCP's hand-over of the connection orders one holder's writes before the
 * next holder's, so the lending path pays for no fence.
 */
final class PooledConnection {
    /**
     * One check-out: {@link System#nanoTime()} when it began, the borrowing thread, and where, when tracked.
     * Immutable; the lent connection itself (so a check-out allocates one object, not two), or a {@link Held}
     * record when the executor borrowed it unwrapped.
     */
    interface Lease {
        long at();

        Thread thread();

        /** The borrower's stack, or null when leak detection is off. */
        StackTraceElement[] stack();

        /** {@code Class.method} of the borrower, or null when leak detection is off. */
        String caller();

        default String threadName() {
            return thread().getName();
        }
    }

    /** The lease record of a check-out handed out unwrapped (to Covet's own executor, which reports the return). */
    record Held(long at, Thread thread, StackTraceElement[] stack, String caller) implements Lease {
    }

    private static final VarHandle LEASE;
    private static final VarHandle LEASED;
    private static final VarHandle RETURNED_AT;
    private static final VarHandle CHECKOUTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LEASE = l.findVarHandle(PooledConnection.class, "lease", Lease.class);
            LEASED = l.findVarHandle(PooledConnection.class, "leased", boolean.class);
            RETURNED_AT = l.findVarHandle(PooledConnection.class, "returnedAt", long.class);
            CHECKOUTS = l.findVarHandle(PooledConnection.class, "checkouts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Connection physical;
    final long openedAt;
    volatile long returnedAt;
    /** The last check-out's record: the current one while {@link #leased}, else stale (or null). */
    @SuppressWarnings("unused") // through LEASE
    private Lease lease;
    /** Whether the connection is lent now ({@link #lease} is its record). */
    @SuppressWarnings("unused") // through LEASED
    private boolean leased;
    /** The lease the monitor last reported as a leak, so each leak is reported once. */
    volatile Lease leakReported;
    volatile EvictionReason evictedFor;
    /** The last record {@link #heldAt} made; read and written by the holder only. */
    private Held recentHeld;
    /** Check-outs of this connection; written only by its holder, so a plain increment is exact. */
    @SuppressWarnings("unused") // through CHECKOUTS
    private long checkouts;

    PooledConnection(Connection physical, long now) {
        this.physical = physical;
        this.openedAt = now;
        this.returnedAt = now;
    }

    /**
     * A record of a check-out at {@code now} by the calling thread, without stack: the last one made when it was
     * the same thread at the same (coarse) time, since HikariCP lends a connection to the thread that last
     * returned it, so most check-outs allocate nothing. Only for records whose identity nobody compares (leak
     * reports do, and make their own).
     */
    Held heldAt(long now) {
        Held h = recentHeld;
        Thread t = Thread.currentThread();
        if (h == null || h.at() != now || h.thread() != t) {
            h = new Held(now, t, null, null);
            recentHeld = h;
        }
        return h;
    }

    void lease(Lease l) {
        if (LEASE.getOpaque(this) != l) {
            LEASE.setRelease(this, l);
        }
        LEASED.setRelease(this, true);
    }

    void endLease(long now) {
        LEASED.setRelease(this, false);
        if (!(LEASE.getOpaque(this) instanceof Held h) || h.stack() != null) {
            // A lent connection or a leak-tracking record (with its stack) is never reused: let it go.
            LEASE.setRelease(this, null);
        }
        RETURNED_AT.setRelease(this, now);
    }

    /** The current check-out's record, or null while the connection is idle. */
    Lease current() {
        return (boolean) LEASED.getAcquire(this) ? (Lease) LEASE.getAcquire(this) : null;
    }

    /**
     * Counts a check-out; called by the new holder only. HikariCP's hand-over orders the previous holder's count
     * before this one, so no atomic instruction is needed, and no other thread writes this cache line.
     */
    void countCheckout() {
        CHECKOUTS.setOpaque(this, (long) CHECKOUTS.getOpaque(this) + 1);
    }

    /** The check-outs counted so far (possibly missing one being counted right now on another thread). */
    long checkouts() {
        return (long) CHECKOUTS.getOpaque(this);
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
