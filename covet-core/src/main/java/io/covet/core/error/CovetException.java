package io.covet.core.error;

/**
 * The root of every exception Covet throws. Unchecked, like jOOQ's and Spring's data-access exceptions:
 * callers catch the subtype they can act on and let the rest travel.
 *
 * <p>Messages say what happened, why, and what to do; they never contain a password or key.
 */
public class CovetException extends RuntimeException {
    /** @param message what happened, why, and what to do */
    public CovetException(String message) {
        super(message);
    }

    /**
     * @param message what happened, why, and what to do
     * @param cause   the underlying exception
     */
    public CovetException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether repeating the whole unit of work may succeed (deadlock, serialization failure, lock or query
     * timeout, lost connection). Transaction retry policies use this; a single statement is never retried alone.
     */
    public boolean isTransient() {
        return false;
    }
}
