package io.covet.core.tx;

import io.covet.core.error.CovetException;

/**
 * A transaction block could not run as asked: propagation refused it (MANDATORY without a transaction, NEVER or
 * durable inside one), a joined block asked for other settings than its transaction's, the pool cannot give an
 * always-new block a second connection, or the transaction's connection was used from two threads at once.
 * Nothing of the refused block ran; the message says why and what to change.
 */
public class TransactionException extends CovetException {
    /** @param message what happened, why, and what to do */
    public TransactionException(String message) {
        super(message);
    }

    /**
     * @param message what happened, why, and what to do
     * @param cause   the underlying failure
     */
    public TransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
