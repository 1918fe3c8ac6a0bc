package io.covet.orm;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check constraint, in {@link Model#checks()}. The expression is SQL written by the model's author (never user
 * input) over column names, e.g. {@code "quantity > 0"}; it must be valid on every engine the model runs on.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Check {
    /** The constraint name. */
    String name();

    /** The SQL boolean expression. */
    String expression();
}
