package io.covet.orm.internal;

import io.covet.core.RowMapper;

import java.util.List;

/**
 * A rendered lookup by primary key: {@code SELECT … WHERE pk = ?} and its mapper. Not an API.
 *
 * @param sql    the statement, whose only parameter is the key
 * @param mapper reads the instance
 * @param tables the tables the statement names, for the database's interceptors; rendered once with the plan so
 *               that a lookup allocates nothing for them
 * @param <T>    the model
 */
record KeyLookup<T>(String sql, RowMapper<T> mapper, List<String> tables) {
}
