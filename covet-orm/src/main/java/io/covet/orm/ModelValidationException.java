package io.covet.orm;

import io.covet.core.error.CovetException;

import java.util.List;

/** The model registry has problems; {@link #problems()} lists every one, each a sentence with the fix. */
public final class ModelValidationException extends CovetException {
    private final List<String> problems;

    /** An exception listing the problems. */
    public ModelValidationException(List<String> problems) {
        super(problems.size() + " problem(s) in the model registry:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
