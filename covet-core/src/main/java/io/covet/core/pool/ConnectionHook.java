package io.covet.core.pool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work run on a pooled connection at one point of its life (see {@link PoolSettings.Builder#onConnect},
 * {@link PoolSettings.Builder#onCheckout}, {@link PoolSettings.Builder#onCheckin}). A hook must not close the
 * connection; an exception it throws evicts the connection (see each hook for what the caller then sees).
 */
@FunctionalInterface
public interface ConnectionHook {
    /** Runs the hook on {@code connection}. */
    void run(Connection connection) throws SQLException;
}
