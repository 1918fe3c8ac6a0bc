package io.covet.orm;

import io.covet.core.error.CovetException;

/** The query matched no row; {@code get} needs exactly one. */
public class DoesNotExist extends CovetException {
    /** An exception with a message saying what happened and what to do. */
    public DoesNotExist(String message) {
        super(message);
    }
}
