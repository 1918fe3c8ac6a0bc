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

    /** The index name; defaults to {@code <table>_<columns>_idx}, shortened with a hash past 63 characters. */
    String name() default "";

    /**
     * Whether the index is unique. A unique index enforces what a {@link Unique} constraint does; it is here for
     * schemas that have one (as {@code inspectdb} finds them), since engines report the two differently.
     */
    boolean unique() default false;
}
