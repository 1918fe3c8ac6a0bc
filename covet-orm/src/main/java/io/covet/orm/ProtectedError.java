package io.covet.orm;

import io.covet.core.error.CovetException;

/** A delete was refused because rows point at the target through an {@link OnDelete#PROTECT} foreign key; nothing was deleted. */
public class ProtectedError extends CovetException {
    /** An exception with a message saying what happened and what to do. */
    public ProtectedError(String message) {
        super(message);
    }
}
