package io.covet.schema;

import java.util.List;
import java.util.Objects;

/** A named UNIQUE constraint over columns. */
public record UniqueConstraint(String name, List<String> columns) implements Constraint {
    /** Copies the columns; a constraint needs at least one. */
    public UniqueConstraint {
        Objects.requireNonNull(name, "constraint name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("unique constraint " + name + " has no columns");
        }
    }
}
