package io.covet.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on a raw JDBC connection, for what Covet's API does not cover. The connection is only valid inside the
 * callback; do not close it.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ConnectionCallback<T> {
    /** Does the work; SQL exceptions are translated into Covet's hierarchy. */
    T run(Connection connection) throws SQLException;
}
