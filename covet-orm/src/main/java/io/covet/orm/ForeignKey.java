package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A many-to-one relation, declared on a field of type {@code Ref<Target>}. The column holds the target's primary
 * key ({@code <field>_id} unless {@link #column()} says otherwise) with a database foreign-key constraint.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ForeignKey {
    /** What deleting the target does to rows pointing at it. */
    OnDelete onDelete();

    /** Whether the relation is optional (NULL allowed). {@link OnDelete#SET_NULL} requires it. */
    boolean nullable() default false;

    /** The column name; defaults to {@code <field>_id}. */
    String column() default "";

    /** Whether the column gets an index (the default, as most lookups go through it). */
    boolean index() default true;

    /**
     * The foreign-key constraint's name, used by {@code createTables()} and by migrations; empty (the default)
     * for {@code <table>_<column>_fk}. Set it to keep the name of an existing database's constraint.
     */
    String constraint() default "";

    /**
     * The database constraint's own {@code ON DELETE} rule, for a database that acts itself; anything but
     * {@link DbOnDelete#DEFAULT} requires {@code onDelete = OnDelete.DO_NOTHING}. See {@link DbOnDelete}.
     */
    DbOnDelete dbOnDelete() default DbOnDelete.DEFAULT;
}
