package io.covet.core;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value. Read columns by index for speed; the result set is
 * positioned by Covet, so a mapper must not call {@code next()}.
 *
 * @param <T> the mapped type
 */
@FunctionalInterface
public interface RowMapper<T> {
    /** Maps the current row. SQL exceptions are translated by the caller into Covet's hierarchy. */
    T map(ResultSet rs) throws SQLException;
}
