package io.covet.orm;

import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.RecordType;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class (extending {@link Entity}) or a record as a model: one table. The annotation processor
 * ({@code covet-orm-processor}) generates {@code Name_} beside it: the typed metamodel (a covet-sql table with one
 * {@code Column<T>} per field), the row mapper and the model's {@link ModelMeta}.
 *
 * <p>Persistent fields of a class must be non-private, non-final, non-static instance fields (package-private is
 * the usual choice): the generated class assigns them directly, without reflection. The processor refuses a
 * private field with a compile error naming it.
 *
 * <p>A record model's components are its fields (annotate them like fields). It is an immutable value: query it
 * with {@link Orm#records(RecordType)}, save it whole with {@link Orm#save(Record)} (no change tracking, signals
 * or hooks), and rows are read through its canonical constructor in generated code. It holds plain fields only:
 * relations ({@code Ref}, {@code Related}) need a class extending {@link Entity}, and no relation can point at a
 * record model.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Model {
    /** The table name; defaults to the class name in snake_case. */
    String table() default "";

    /** Default ordering: field names, {@code "-name"} for descending. */
    String[] ordering() default {};

    /** Indexes over several columns. */
    Index[] indexes() default {};

    /** Groups of fields whose values must be unique together. */
    Unique[] uniqueTogether() default {};

    /** Check constraints. */
    Check[] checks() default {};

    /**
     * A composite primary key: the Java field names (plain fields or {@code @ForeignKey Ref<>} fields), in the
     * key's column order, e.g. {@code @Model(primaryKey = {"playlist", "track"})}. At least two; such a model has
     * no {@link PrimaryKey} field (the processor refuses both). The key columns are NOT NULL and never generated:
     * set them before {@code save}. Saves, deletes, refreshes and equality use all key fields; operations that
     * need one key value ({@code get(pk)}, {@code inBulk}, foreign keys and many-to-many relations to the model)
     * are refused with a message saying what to use instead. Empty (the default) for a {@link PrimaryKey} field.
     */
    String[] primaryKey() default {};

    /**
     * A read-only model: queries read it, and every write through the ORM ({@code save}, {@code delete}, a query
     * set's {@code update}/{@code delete}/bulk writes) is refused with an {@link OrmUsageException} before anything
     * is sent. Such a model may have no primary key at all, for a table that has none (what {@code covet inspectdb}
     * writes for it); then {@code get(pk)}, {@code inBulk} and relations to it are refused too. Migrations still
     * describe its table, so {@code makemigrations --check --against-database} compares it.
     */
    boolean readOnly() default false;

    /**
     * A proxy model (Django's {@code proxy = True}): the class extends a concrete {@code @Model} class and reads and
     * writes that model's table and fields as another Java type, with its own default {@link #ordering()} (the
     * parent's when empty) and its own {@link Manager} (none is inherited). It declares no persistent fields and no
     * table, indexes, constraints, key, {@code @History} or {@code @SoftDelete} of its own (the processor refuses
     * them), lives in the package of its concrete model, and needs that model registered with the same
     * {@link Orm}. Migrations and {@code createTables()} create no table for it.
     */
    boolean proxy() default false;

    /**
     * How {@code @Model} subclasses of this model are stored: {@link InheritanceType#JOINED} (the default; each
     * subclass has its own table) or {@link InheritanceType#SINGLE_TABLE} (every subclass shares this model's table,
     * told apart by the {@link #discriminator()} column). Set on the root model only; a subclass of a
     * {@code SINGLE_TABLE} root, or of one of its subclasses at any depth, is a single-table subclass without
     * setting anything (the processor refuses
     * {@code table}, {@code primaryKey}, {@code readOnly}, {@code inheritance} and {@code discriminator} on it).
     */
    InheritanceType inheritance() default InheritanceType.JOINED;

    /**
     * The discriminator column of a {@link InheritanceType#SINGLE_TABLE} root: a NOT NULL, indexed string column
     * of the shared table that the ORM writes on every insert (the model's {@link #discriminatorValue()}) and
     * filters on in every query of a subclass (its value and those of its registered subclasses). It is not a Java field of the model (the processor refuses a field
     * on that column); the metamodel has it as a column ({@code Item_.KIND}) for filters and ordering.
     */
    String discriminator() default "kind";

    /**
     * The value of the {@link #discriminator()} column in this model's rows, on a single-table root or subclass;
     * defaults to the class name in snake_case ({@code "paper_book"} for {@code PaperBook}). At most 50 characters,
     * unique within the hierarchy.
     */
    String discriminatorValue() default "";
}
