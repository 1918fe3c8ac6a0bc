package io.covet.orm.spi;

/**
 * A reverse accessor: the rows of {@code sourceModel} whose foreign key {@code field} points here.
 *
 * @param name        the accessor's field name on this model
 * @param sourceModel the pointing model's class name
 * @param field       the foreign-key field name on the pointing model
 */
public record ReverseMeta(String name, String sourceModel, String field) {
}
