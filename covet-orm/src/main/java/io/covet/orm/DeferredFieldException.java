package io.covet.orm;

/**
 * Thrown by {@link Entity#ensureLoaded(String)} when a field the query left out ({@code QuerySet.only}/{@code defer},
 * {@link Column#deferred()}) is asked for and the {@link Orm} is built with
 * {@code Orm.Builder.strictDeferredFields(true)}: load it with the rows or with {@code orm.loadDeferred(…)}, so that
 * a loop over rows does not load one row's fields per query.
 */
public class DeferredFieldException extends OrmUsageException {
    /** With the message saying which field and the fix. */
    public DeferredFieldException(String message) {
        super(message);
    }
}
