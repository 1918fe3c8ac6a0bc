package io.covet.orm;

import java.util.Objects;

/**
 * The relation of a foreign-key column: the target model (by class name, resolved by the registry) and what a
 * delete of the target does. The target column is always the target's primary key.
 *
 * @param targetModel the target model's class name
 * @param onDelete    the delete rule
 * @param oneToOne    whether the column is also unique (a one-to-one relation)
 */
public record ForeignKeyMeta(String targetModel, OnDelete onDelete, boolean oneToOne) {
    /** Checks the parts. */
    public ForeignKeyMeta {
        Objects.requireNonNull(targetModel, "targetModel");
        Objects.requireNonNull(onDelete, "onDelete");
    }
}
