package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The primary key field. With {@code auto = true} (the default) the database generates it: a {@code Long} field
 * is a big auto key, {@code Integer} an int auto key, {@code Short} a small auto key. With {@code auto = false}
 * the application assigns it (e.g. a {@code UUID} or a {@code String}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface PrimaryKey {
    /** Whether the database generates the key. */
    boolean auto() default true;

    /** The column name; defaults to the field name in snake_case. */
    String column() default "";
}
