package io.covet.orm;

import io.covet.core.error.CovetException;

/** A relation was not loaded and cannot be loaded lazily here; the message names the eager alternative. */
public class LazyLoadException extends CovetException {
    /** An exception with a message saying what happened and what to do. */
    public LazyLoadException(String message) {
        super(message);
    }
}
