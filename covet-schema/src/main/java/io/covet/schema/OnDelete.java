package io.covet.schema;

import java.util.Locale;

/** What a foreign key does when the referenced row is deleted. */
public enum OnDelete {
    NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT;

    /** The SQL spelling, e.g. {@code SET NULL}. */
    public String sql() {
        return name().replace('_', ' ');
    }

    /**
     * Parses {@code CASCADE}, {@code set null}, {@code SET_NULL} …
     *
     * @throws IllegalArgumentException for anything else
     */
    public static OnDelete parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown on_delete '" + text
                    + "'; use one of NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT");
        }
    }
}
