package io.covet.core.replica;

import io.covet.core.pipeline.StatementContext;

/**
 * Rules for where reads go, in the spirit of Django's {@code db_for_read}: per table, per statement shape, per
 * anything the {@link StatementContext} tells. Asked once for every read that could go to a replica (outside a
 * transaction, not locking rows, not pinned by {@code onPrimary()}), so it must be cheap and thread-safe.
 *
 * <p>Writes have no rule: a database has one primary and every write, locking read and statement of a
 * read-write transaction runs there.
 *
 * <pre>{@code
 * Router billingOnPrimary = statement -> statement.tables().contains("invoice")
 *         ? Router.Route.PRIMARY : Router.Route.DEFAULT;
 * }</pre>
 */
@FunctionalInterface
public interface Router {
    /** Where a read goes. */
    enum Route {
        /** No opinion: the read's consistency decides. */
        DEFAULT,
        /** The primary. */
        PRIMARY,
        /** A replica, whatever the read's consistency (still subject to rotation and fallback). */
        REPLICA
    }

    /** A router without opinion. */
    Router NONE = statement -> Route.DEFAULT;

    /**
     * Where a read goes; never null.
     *
     * @param statement the read (its SQL, tables, kind)
     */
    Route forRead(StatementContext statement);
}
