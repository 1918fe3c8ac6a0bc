package io.covet.core;

import java.util.Objects;

/**
 * A value written as text for the engine to convert to the column's own type: a PostgreSQL enum, domain,
 * {@code tsvector}, {@code citext} or array column, or any native type with a text input form. On PostgreSQL it is
 * bound without a declared type, so the server takes the type of the column it is assigned to or compared with
 * (a {@code String} would be bound as {@code varchar}, which PostgreSQL does not convert to those types); on the
 * other engines it is bound as a string. The text is always a bound parameter, never SQL text.
 *
 * @param text the value in the type's text form, e.g. {@code happy}, {@code {a,b}}, {@code 'a':1 'b':2}
 */
public record NativeText(String text) {
    /** Requires the text (a NULL is bound as a plain null). */
    public NativeText {
        Objects.requireNonNull(text, "text");
    }

    /**
     * {@code value} as native text when it is a {@code String} or an enum constant (its name), else
     * {@code value} itself: what a column of a native type is given.
     */
    public static Object of(Object value) {
        if (value instanceof String s) {
            return new NativeText(s);
        }
        if (value instanceof Enum<?> e) {
            return new NativeText(e.name());
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
