package io.covet.orm.spi;

import io.covet.orm.DbOnDelete;
import io.covet.orm.OnDelete;

import java.util.Objects;

/**
 * The relation of a foreign-key column: the target model (by class name, resolved by the registry), what a
 * delete of the target does, and the constraint's name. The target column is always the target's primary key.
 *
 * @param targetModel the target model's class name
 * @param onDelete    the delete rule
 * @param oneToOne    whether the column is also unique (a one-to-one relation)
 * @param constraint  the foreign-key constraint's name, or null for the default {@code <table>_<column>_fk}
 * @param dbOnDelete  the constraint's own ON DELETE rule ({@link DbOnDelete#DEFAULT}: follows {@code onDelete})
 */
public record ForeignKeyMeta(String targetModel, OnDelete onDelete, boolean oneToOne, String constraint,
                             DbOnDelete dbOnDelete) {
    /** Checks the parts; an empty constraint name means the default, a null database rule {@link DbOnDelete#DEFAULT}. */
    public ForeignKeyMeta {
        dbOnDelete = dbOnDelete == null ? DbOnDelete.DEFAULT : dbOnDelete;
        Objects.requireNonNull(targetModel, "targetModel");
        Objects.requireNonNull(onDelete, "onDelete");
        if (constraint != null && constraint.isEmpty()) {
            constraint = null;
        }
    }

    /** A relation whose constraint follows {@code onDelete}. */
    public ForeignKeyMeta(String targetModel, OnDelete onDelete, boolean oneToOne, String constraint) {
        this(targetModel, onDelete, oneToOne, constraint, DbOnDelete.DEFAULT);
    }

    /** A relation whose constraint has the default name. */
    public ForeignKeyMeta(String targetModel, OnDelete onDelete, boolean oneToOne) {
        this(targetModel, onDelete, oneToOne, null);
    }
}
