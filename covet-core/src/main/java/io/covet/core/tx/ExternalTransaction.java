package io.covet.core.tx;

import java.sql.Connection;

/**
 * One transaction run by a framework outside Covet (see {@link ExternalTransactions}): the connection it runs
 * on, and how Covet attaches callbacks to its end.
 */
public interface ExternalTransaction {
    /** The name Covet shows for it in errors and as the parent of the blocks that join it. */
    String name();

    /** The connection the transaction runs on, with auto-commit off; Covet never closes it. */
    Connection connection();

    /** Runs {@code action} after the transaction really commits (never if it rolls back). */
    void afterCommit(Runnable action);

    /** Runs {@code action} after the transaction rolls back (never if it commits). */
    void afterRollback(Runnable action);

    /** Makes the transaction roll back at its end: part of its work failed and could not be undone alone. */
    void setRollbackOnly();

    /**
     * Commits a transaction returned by {@link ExternalTransactions#begin}; the framework's callbacks run.
     * Throws when the commit failed or the transaction had to roll back instead.
     */
    default void commit() {
        throw new UnsupportedOperationException(name() + " is not ended by Covet");
    }

    /** Rolls back a transaction returned by {@link ExternalTransactions#begin}. */
    default void rollback() {
        throw new UnsupportedOperationException(name() + " is not ended by Covet");
    }
}
