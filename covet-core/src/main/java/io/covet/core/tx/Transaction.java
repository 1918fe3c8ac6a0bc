package io.covet.core.tx;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * A running transaction block, as seen by the work inside it. Obtained as the argument of
 * {@link TxWork#run(Transaction)} or from {@code Database.currentTransaction()}; valid until its block returns.
 *
 * <p>The transaction is current on the thread that began it. {@link #wrap(Runnable)} and
 * {@link #executor(Executor)} carry it to other threads on request; a JDBC connection runs one statement at a
 * time, so a statement started while another thread is using the transaction is refused with
 * {@link TransactionException}.
 */
public interface Transaction {
    /** The block's name ({@link TxOptions.Builder#name(String)}). */
    String name();

    /** The name of the database the transaction runs on. */
    String database();

    /** The isolation the transaction really runs at (the engine's default when none was asked for). */
    Isolation isolation();

    /** Whether the transaction refuses writes. */
    boolean readOnly();

    /** 0 for the outermost block of a transaction, 1 for a block nested in it, and so on. */
    int depth();

    /** The attempt of the outermost block, from 1; above 1 when the transaction is being retried. */
    int attempt();

    /** When the transaction (its current attempt) began. */
    Instant startedAt();

    /**
     * Runs {@code action} after the outermost transaction commits, in registration order, on the committing
     * thread, once the connection is back in the pool. Discarded when this block's savepoint or the transaction
     * rolls back, and for attempts that are retried. A failing action does not stop the others; the failures
     * are logged and thrown afterwards as {@link CallbackFailure} (the data stays committed).
     */
    void onCommit(Runnable action);

    /**
     * Runs {@code action} after the outermost transaction rolls back (each failed attempt counts), in
     * registration order. Discarded with this block's savepoint when a caught failure rolls only it back, and
     * when the transaction commits. Failures are logged and added as suppressed to the exception that caused
     * the rollback.
     */
    void onRollback(Runnable action);

    /**
     * Marks the whole transaction to roll back when its outermost block ends, even if the work returns
     * normally; the outermost block then returns its result without committing.
     */
    void setRollbackOnly();

    /** Whether the transaction will roll back when it ends. */
    boolean isRollbackOnly();

    /** {@code task} made to run inside this transaction on whatever thread runs it. */
    Runnable wrap(Runnable task);

    /** {@code task} made to run inside this transaction on whatever thread runs it. */
    <T> Callable<T> wrap(Callable<T> task);

    /**
     * An executor that runs each task on {@code executor} inside this transaction, e.g. for
     * {@code CompletableFuture.supplyAsync(work, tx.executor(pool))} and {@code thenApplyAsync(fn, tx.executor(pool))}.
     * Tasks must finish before the block returns: afterwards their statements are refused, and the block's
     * end waits for a statement still running on another thread.
     */
    Executor executor(Executor executor);
}
