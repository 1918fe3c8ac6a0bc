package io.covet.orm.spi;

import java.util.List;
import java.util.Objects;

/**
 * The {@code @History} of a model as the generated metamodel records it: the history table and the Java names of
 * the fields left out of it. Immutable.
 *
 * @param table    the history table's name (already defaulted to {@code <table>_history})
 * @param excluded Java field names that are not tracked
 */
public record HistoryMeta(String table, List<String> excluded) {
    /** Requires a table and copies the list. */
    public HistoryMeta {
        Objects.requireNonNull(table, "history table");
        excluded = List.copyOf(excluded);
    }
}
