package io.covet.orm.spi;

import java.util.Objects;

/**
 * How the database computes a generated field ({@code @Generated}): a raw SQL expression over other columns of
 * the row, stored or virtual. The ORM never writes such a field and reads it back after every write.
 *
 * @param expression the SQL expression, without enclosing parentheses
 * @param stored     true for STORED (PERSISTENT on MariaDB), false for VIRTUAL
 */
public record GeneratedMeta(String expression, boolean stored) {
    /** Requires a non-blank expression. */
    public GeneratedMeta {
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("@Generated needs an expression");
        }
        expression = expression.strip();
    }
}
