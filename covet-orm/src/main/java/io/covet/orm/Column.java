package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Options of a persistent field. Every non-static, non-transient field of a model is persistent; this annotation
 * is needed only to change the defaults. The column type follows from the Java type and {@link #type()}; see
 * {@link FieldType} for the per-engine mapping.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Column {
    /** The column name ({@code db_column}); defaults to the field name in snake_case. */
    String name() default "";

    /** The field type when the Java type alone is ambiguous (TEXT, EMAIL, URL, SLUG, ENUM_INT, JSON…). */
    FieldType type() default FieldType.INFER;

    /** Whether NULL is allowed. Primitive fields are never nullable. */
    boolean nullable() default false;

    /** Whether the value must be unique. */
    boolean unique() default false;

    /** Whether the column gets an index of its own ({@code db_index}). */
    boolean index() default false;

    /** Maximum length of a string field; 0 for the type's default (255, or 254 for e-mail, 200 for URLs, 50 for slugs). */
    int maxLength() default 0;

    /** Total digits of a decimal. */
    int precision() default 19;

    /** Digits after the decimal point of a decimal. */
    int scale() default 2;

    /** The default as a Java literal of the field's type ("0", "true", "new"); recorded in the schema. */
    String defaultValue() default "";

    /** The default as a database expression (e.g. {@code CURRENT_TIMESTAMP}); the insert leaves the column out when the value is null. */
    String dbDefault() default "";

    /** Allowed values, as their text; empty for any. */
    String[] choices() default {};

    /** Validators run by {@code full_clean}; each needs a public no-argument constructor. */
    Class<? extends Validator>[] validators() default {};

    /** Help text, for documentation and forms. */
    String help() default "";

    /**
     * An engine-native column type, e.g. {@code "tsvector"}, {@code "year(4)"}, {@code "set('a','b')"},
     * {@code "int(10) unsigned"}, {@code "char(3)"}: {@code createTables()} and migrations write it verbatim instead
     * of the field type's portable column type, and the schema comparison reads it the way the engine reports it.
     * Empty (the default) for the portable type. The Java type still decides how values are bound and read, so it
     * must be one the engine converts to and from that column (text for most native types; a number wide enough
     * for an unsigned integer). A native type holds on the engine it names only: a model that declares one is
     * tied to that engine. {@code inspectdb} writes it for columns no field type describes. On a relation
     * ({@code Ref<>} field) it replaces the type the column otherwise takes from the target's key.
     */
    String nativeType() default "";

    /**
     * The database enum type that holds this enum field's values, e.g. {@code "mood"}; empty (the default) to store
     * the constant's name as text ({@code varchar}). The labels are the Java enum's constants in declaration order.
     * On PostgreSQL migrations create the type ({@code CREATE TYPE mood AS ENUM (…)}) before the first table that
     * uses it, drop it after the last, and change its labels when the Java enum changes (an
     * {@code AlterEnumType} operation); on MariaDB the column is {@code ENUM(…)} with the labels inline; on SQLite
     * it is {@code TEXT} with a check of the labels. Fields of one type name must use the same Java enum (same
     * constants). Only for fields whose Java type is an enum stored by name.
     */
    String enumType() default "";

    /**
     * Whether queries leave this column out unless asked ({@code QuerySet.only(...)} naming it, or
     * {@code deferNone()}), for large text, JSON or bytes: the field holds null (a primitive its constructor value)
     * until {@code orm.loadDeferred(x)} or a getter calling {@code ensureLoaded("field")} loads it, and
     * {@code save} never writes it unless it was set. Not on a primary key or a record model's field.
     */
    boolean deferred() default false;
}
