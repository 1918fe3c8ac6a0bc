package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A one-to-one relation: a {@link ForeignKey} whose column is also unique. Declared on a {@code Ref<Target>} field. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OneToOne {
    /** What deleting the target does to the row pointing at it. */
    OnDelete onDelete();

    /** Whether the relation is optional. */
    boolean nullable() default false;

    /** The column name; defaults to {@code <field>_id}. */
    String column() default "";

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
