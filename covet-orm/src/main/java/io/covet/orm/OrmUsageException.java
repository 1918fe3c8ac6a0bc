package io.covet.orm;

import io.covet.core.error.CovetException;

/** The ORM API was used in a way that cannot work; the message says how to fix the call. */
public class OrmUsageException extends CovetException {
    /** An exception with a message saying what happened and what to do. */
    public OrmUsageException(String message) {
        super(message);
    }
}
