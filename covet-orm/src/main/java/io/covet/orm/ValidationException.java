package io.covet.orm;

import io.covet.core.error.CovetException;

import java.util.List;
import java.util.Map;

/** {@code full_clean} found problems; {@link #errors()} lists every one, per field. Nothing was written. */
public final class ValidationException extends CovetException {
    private final transient Map<String, List<String>> errors;

    /** An exception for the problems of an instance of {@code model}. */
    public ValidationException(String model, ValidationErrors errors) {
        super(model + " is not valid: " + errors);
        this.errors = errors.asMap();
    }

    /** Every problem, per field name ({@link ValidationErrors#ALL} for the instance as a whole). */
    public Map<String, List<String>> errors() {
        return errors;
    }
}
