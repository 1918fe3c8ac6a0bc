package io.covet.sql;

import io.covet.core.engine.Engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the engines on which an API renders and runs. An API without this annotation works on PostgreSQL,
 * MariaDB/MySQL and SQLite. On an engine not listed, rendering throws
 * {@link io.covet.core.error.UnsupportedFeature} naming the engine and the alternative, before anything reaches
 * the database.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Supports {
    /** The engines (MySQL follows {@link Engine#MARIADB}). */
    Engine[] value();

    /** A remark on differences between the engines, when there are some. */
    String note() default "";
}
