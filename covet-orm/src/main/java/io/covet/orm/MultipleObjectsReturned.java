package io.covet.orm;

import io.covet.core.error.CovetException;

/** The query matched more than one row; {@code get} needs exactly one. */
public class MultipleObjectsReturned extends CovetException {
    /** An exception with a message saying what happened and what to do. */
    public MultipleObjectsReturned(String message) {
        super(message);
    }
}
