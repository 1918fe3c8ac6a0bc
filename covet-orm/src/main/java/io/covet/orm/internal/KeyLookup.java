package io.covet.orm.internal;

import io.covet.core.RowMapper;

/**
 * A rendered lookup by primary key: {@code SELECT … WHERE pk = ?} and its mapper. Not an API.
 *
 * @param sql    the statement, whose only parameter is the key
 * @param mapper reads the instance
 * @param <T>    the model
 */
record KeyLookup<T>(String sql, RowMapper<T> mapper) {
}
