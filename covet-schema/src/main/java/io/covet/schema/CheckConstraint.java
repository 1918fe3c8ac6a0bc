package io.covet.schema;

import java.util.Objects;

/** A named CHECK constraint; the expression is SQL written by the developer. */
public record CheckConstraint(String name, String expression) implements Constraint {
    /** Requires a name and an expression. */
    public CheckConstraint {
        Objects.requireNonNull(name, "constraint name");
        Objects.requireNonNull(expression, "check expression of " + name);
    }
}
