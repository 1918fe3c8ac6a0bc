package io.covet.orm.spi;

import java.util.Objects;

/**
 * The {@code @SoftDelete} of a model as the generated metamodel records it. Immutable.
 *
 * @param field           the Java name of the deletion-time field
 * @param column          its column
 * @param deletedByField  the Java name of the deleting-user field; null for none
 * @param deletedByColumn its column; null for none
 */
public record SoftDeleteMeta(String field, String column, String deletedByField, String deletedByColumn) {
    /** Requires the deletion-time field and column. */
    public SoftDeleteMeta {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(column, "column");
    }
}
