package io.covet.orm.spi;

/**
 * A check constraint.
 *
 * @param name       the constraint name
 * @param expression the SQL expression, written by the model's author
 */
public record CheckMeta(String name, String expression) {
}
