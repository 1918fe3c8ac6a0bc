package io.covet.orm.spi;

/**
 * A many-to-many relation. For an automatic join table, {@code table}, {@code sourceColumn} and
 * {@code targetColumn} name it; with a through model they are null and the registry finds the through model's
 * foreign keys to the source and the target.
 *
 * @param name         the field name on the source model
 * @param targetModel  the target model's class name
 * @param throughModel the through model's class name, or null for an automatic join table
 * @param table        the automatic join table, or null
 * @param sourceColumn the join table's column pointing at the source, or null
 * @param targetColumn the join table's column pointing at the target, or null
 */
public record ManyToManyMeta(String name, String targetModel, String throughModel, String table,
                             String sourceColumn, String targetColumn) {
    /** Whether Covet owns the join table. */
    public boolean automatic() {
        return throughModel == null;
    }
}
