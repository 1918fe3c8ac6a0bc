package io.covet.orm;

import java.util.List;

/**
 * The outcome of {@link Orm#revert(Version)}. Immutable.
 *
 * @param instance    the live row after the revert (saved, so its history has a version for the revert)
 * @param notRestored the fields the version could not give back, each with why (they keep their current value):
 *                    fields excluded from the history, and required fields the version holds no value for because
 *                    it was recorded before the field was added
 * @param <T>         the model
 */
public record Reverted<T extends Entity>(T instance, List<String> notRestored) {
    /** Copies the list. */
    public Reverted {
        notRestored = List.copyOf(notRestored);
    }
}
