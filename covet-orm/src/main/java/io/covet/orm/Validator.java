package io.covet.orm;

/** Checks one field value during {@code full_clean}. Implementations need a public no-argument constructor. */
@FunctionalInterface
public interface Validator {
    /** The problem with {@code value} as a sentence, or null when it is valid. Not called for null values. */
    String validate(Object value);
}
