package io.covet.orm.spi;

import io.covet.orm.History;

import java.util.List;
import java.util.Objects;

/**
 * The {@code @History} of a model as the generated metamodel records it: the history table and the Java names of
 * the fields left out of it. Immutable.
 *
 * @param table    the history table's name (already defaulted to {@code <table>_history})
 * @param excluded Java field names that are not tracked
 * @param capture  who writes the versions
 */
public record HistoryMeta(String table, List<String> excluded, History.Capture capture) {
    /** Requires a table and a capture mode and copies the list. */
    public HistoryMeta {
        Objects.requireNonNull(table, "history table");
        Objects.requireNonNull(capture, "history capture mode");
        excluded = List.copyOf(excluded);
    }

    /** A history written by database triggers (the default capture mode). */
    public HistoryMeta(String table, List<String> excluded) {
        this(table, excluded, History.Capture.TRIGGERS);
    }
}
