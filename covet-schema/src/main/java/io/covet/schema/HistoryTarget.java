package io.covet.schema;

import java.util.List;
import java.util.Objects;

/**
 * A tracked table and its history, as {@link HistoryWrites} renders statements for them.
 *
 * @param source  the tracked table
 * @param history its history table
 * @param keys    the source's primary-key columns
 * @param tracked the columns the history copies (keys included)
 */
public record HistoryTarget(String source, String history, List<String> keys, List<String> tracked) {
    /** Copies the lists; requires a key. */
    public HistoryTarget {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(history, "history");
        keys = List.copyOf(keys);
        tracked = List.copyOf(tracked);
        if (keys.isEmpty() || !tracked.containsAll(keys)) {
            throw new IllegalArgumentException("the history of " + source + " needs its primary key tracked");
        }
    }
}
