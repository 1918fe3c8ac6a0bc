package io.covet.orm.spi;

import io.covet.orm.OrmSchema;

import java.util.List;

/**
 * An index or a unique-together constraint over columns.
 *
 * @param name    the name the model gives it, or empty for the default, which {@link OrmSchema#generatedName} makes
 *                from the table and columns
 * @param columns the column names, in order
 * @param unique  whether it is unique
 */
public record IndexMeta(String name, List<String> columns, boolean unique) {
    /** Copies the columns. */
    public IndexMeta {
        columns = List.copyOf(columns);
    }
}
