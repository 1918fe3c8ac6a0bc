package io.covet.schema;

import java.util.List;
import java.util.Objects;

/**
 * An index on columns; optionally unique, optionally partial ({@code where}: PostgreSQL and SQLite only).
 */
public record Index(String name, List<String> columns, boolean unique, String where) {
    /** Copies the columns; an index needs at least one. */
    public Index {
        Objects.requireNonNull(name, "index name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no columns");
        }
    }

    /** A plain index. */
    public static Index of(String name, List<String> columns) {
        return new Index(name, columns, false, null);
    }
}
