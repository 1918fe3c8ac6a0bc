package io.covet.core.tx.internal;

import io.covet.core.tx.Isolation;
import io.covet.core.tx.TransactionException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One physical transaction (one attempt of an outermost block) on one connection, and who is using that
 * connection right now. Blocks nested in it are {@link Block}s sharing this state.
 */
final class TxState {
    final TransactionManager manager;
    final Connection connection;
    final String name;
    final Isolation isolation;
    final boolean readOnly;
    /** SQLite only: began with BEGIN IMMEDIATE, so it holds the database's one write lock. */
    final boolean writeLock;
    final int attempt;
    final Instant startedAt = Instant.now();
    final long startNanos = System.nanoTime();
    /** Where the transaction began, for the long-transaction report; null when the monitor is off. */
    final Throwable beganAt;
    final String thread = Thread.currentThread().getName();
    /** The block that was current on this thread when this transaction began (REQUIRES_NEW), or null. */
    final Block suspended;

    /** The framework's transaction this state runs in (see {@code ExternalTransactions}), or null. */
    io.covet.core.tx.ExternalTransaction external;

    volatile boolean ended;
    volatile boolean rollbackOnly;
    /** A failure that condemns the whole transaction although the work may have caught it. */
    volatile Throwable doomed;
    volatile boolean reportedLong;

    private final AtomicInteger savepoints = new AtomicInteger();
    private final AtomicReference<Thread> user = new AtomicReference<>();
    private int holds; // touched only by the thread in `user`
    private volatile Thread lastForeignUser;

    TxState(TransactionManager manager, Connection connection, String name, Isolation isolation, boolean readOnly,
            boolean writeLock, int attempt, boolean captureStack, Block suspended) {
        this.manager = manager;
        this.connection = connection;
        this.name = name;
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.writeLock = writeLock;
        this.attempt = attempt;
        this.beganAt = captureStack ? new Throwable("transaction '" + name + "' began here") : null;
        this.suspended = suspended;
    }

    String nextSavepoint() {
        return "covet_sp_" + savepoints.incrementAndGet();
    }

    /** Marks the transaction to roll back at its end with {@code failure} as the reason; the first one wins. */
    void doom(Throwable failure) {
        if (doomed == null) {
            doomed = failure;
        }
    }

    /**
     * Claims the connection for one use by the calling thread (re-entrant on that thread).
     *
     * @throws TransactionException when the transaction ended or another thread is using the connection
     */
    void enter() {
        Thread me = Thread.currentThread();
        if (ended) {
            throw new TransactionException("transaction '" + name + "' on database '" + manager.database
                    + "' has already ended; a statement on thread '" + me.getName() + "' came too late (was work "
                    + "carried to another thread still running when its block returned?). Wait for such work "
                    + "before the block returns");
        }
        if (user.get() == me) {
            holds++;
            return;
        }
        if (!user.compareAndSet(null, me)) {
            Thread other = user.get();
            throw new TransactionException("the connection of transaction '" + name + "' on database '"
                    + manager.database + "' is in use by thread '" + (other == null ? "?" : other.getName())
                    + "', so thread '" + me.getName() + "' was refused: a JDBC connection runs one statement at a "
                    + "time. Wait for the other thread's work (join its future) before using the transaction "
                    + "again, or give that work its own transaction (Propagation.REQUIRES_NEW)");
        }
        if (me != ownerThread) {
            lastForeignUser = me;
        }
        holds = 1;
    }

    /** Ends one use begun by {@link #enter()}. */
    void exit() {
        if (user.get() == Thread.currentThread() && --holds == 0) {
            user.set(null);
        }
    }

    private final Thread ownerThread = Thread.currentThread();

    /**
     * Marks the transaction ended (later statements are refused) and waits until no other thread is running a
     * statement on it, so that commit or rollback has the connection to itself.
     *
     * @return the thread that was still using the connection, or null
     */
    Thread endAndAwaitIdle() {
        ended = true;
        Thread me = Thread.currentThread();
        Thread busy = null;
        while (true) {
            Thread u = user.get();
            if (u == null || u == me) {
                return busy;
            }
            busy = u;
            LockSupport.parkNanos(200_000);
        }
    }

    /** A thread other than the one that began it that used this transaction, if any. */
    Thread foreignUser() {
        return lastForeignUser;
    }

    /** Runs transaction-control SQL (savepoints) on the connection under the same single-user rule. */
    void control(String what, io.covet.core.tx.Transaction block, EngineTx.SqlRunnable action) {
        enter();
        try {
            manager.executor.control(what, block, () -> {
                action.run();
                return null;
            });
        } catch (SQLException e) {
            throw manager.executor.translate(what, e);
        } finally {
            exit();
        }
    }
}
