package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field the database computes from other columns of the row ({@code GENERATED ALWAYS AS (expression)}). The
 * ORM never writes it (insert, update and the bulk paths leave it out) and reads it back after every insert and
 * update, so the instance holds the database's value once {@code save} returns. Migrations create, add, drop and
 * re-create it (a changed expression is a drop and add); schema readers report it as generated, so drift and
 * {@code makemigrations} compare its expression.
 *
 * <p>Per engine: {@code STORED} on PostgreSQL (which on version 15 has no virtual generated columns: a virtual
 * one is refused with {@link io.covet.core.error.UnsupportedFeature}), {@code PERSISTENT}/{@code VIRTUAL} on
 * MariaDB, {@code STORED}/{@code VIRTUAL} on SQLite. The column takes no NOT NULL and no default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Generated {
    /**
     * The SQL expression, written verbatim into the DDL inside parentheses, e.g. {@code "qty * unit_price"}. Use
     * column names, not field names, and SQL all three engines read if the model is meant for all three.
     */
    String expression();

    /** True (the default) for a stored column, computed on write; false for a virtual one, computed on read. */
    boolean stored() default true;
}
