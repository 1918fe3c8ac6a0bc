package io.covet.orm;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An index over one or more fields, in {@link Model#indexes()}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Index {
    /** The field names, in index order. */
    String[] fields();

    /** The index name; defaults to {@code <table>_<columns>_idx}. */
    String name() default "";
}
