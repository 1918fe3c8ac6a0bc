package io.covet.backup;

import io.covet.core.error.CovetException;

/**
 * A backup, verify, restore or prune could not be done. {@link #reason()} tells tools what kind of problem it is;
 * the message says what happened, why, and what to do, and never contains a key. When this is thrown from a
 * restore, the target database was left as it was.
 */
public final class BackupException extends CovetException {
    /** What kind of problem stopped the operation. */
    public enum Reason {
        /** No backup with that id is in the repository. */
        NOT_FOUND,
        /** The backup is damaged: a chunk or the manifest was altered, truncated or is missing. */
        CORRUPT,
        /** The backup is encrypted and the key given is not the one it was made with. */
        WRONG_KEY,
        /** The backup is encrypted and no key was given. */
        KEY_REQUIRED,
        /** The restore target already has tables and {@code clean} was not asked for. */
        TARGET_NOT_EMPTY,
        /** The repository could not be read or written. */
        STORAGE,
        /** The repository location, key or an option is invalid. */
        INVALID
    }

    private final Reason reason;

    /** @param message what happened, why, and what to do */
    public BackupException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @param message what happened, why, and what to do */
    public BackupException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The kind of problem. */
    public Reason reason() {
        return reason;
    }
}
