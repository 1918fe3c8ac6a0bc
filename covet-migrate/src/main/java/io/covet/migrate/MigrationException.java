package io.covet.migrate;

import io.covet.core.error.CovetException;

/** A migration cannot be loaded, planned or applied; the message says which one, why, and what to do. */
public class MigrationException extends CovetException {
    /**
     * @param message what happened, why, and what to do
     */
    public MigrationException(String message) {
        super(message);
    }

    /**
     * @param message what happened, why, and what to do
     * @param cause   the underlying failure
     */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
