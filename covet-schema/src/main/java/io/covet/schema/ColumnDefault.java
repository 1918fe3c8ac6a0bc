package io.covet.schema;

import java.util.Objects;

/**
 * A column default: either a constant {@linkplain #value(String) value} (rendered as a literal for the column's type,
 * safely quoted) or a database {@linkplain #expression(String) expression} such as {@code CURRENT_TIMESTAMP} (rendered
 * verbatim: it comes from the developer's model or migration file, never from end users).
 */
public record ColumnDefault(String text, boolean expression) {
    /** Requires the text. */
    public ColumnDefault {
        Objects.requireNonNull(text, "default text");
    }

    /** A constant default, e.g. {@code "0"}, {@code "true"}, {@code "pending"}. */
    public static ColumnDefault value(String value) {
        return new ColumnDefault(value, false);
    }

    /** A database expression default, e.g. {@code "CURRENT_TIMESTAMP"}. */
    public static ColumnDefault expression(String sql) {
        return new ColumnDefault(sql, true);
    }

    @Override
    public String toString() {
        return expression ? "expr(" + text + ")" : "'" + text + "'";
    }
}
