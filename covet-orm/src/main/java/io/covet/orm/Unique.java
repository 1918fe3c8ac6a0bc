package io.covet.orm;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Fields unique together, in {@link Model#uniqueTogether()}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Unique {
    /** The field names. */
    String[] fields();

    /** The constraint name; defaults to {@code <table>_<columns>_uniq}, shortened with a hash past 63 characters. */
    String name() default "";
}
