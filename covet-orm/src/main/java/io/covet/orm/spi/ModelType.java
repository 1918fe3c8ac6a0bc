package io.covet.orm.spi;

import io.covet.core.engine.Engine;
import io.covet.orm.Entity;
import io.covet.orm.Ref;
import io.covet.orm.Related;
import io.covet.orm.Validator;
import io.covet.sql.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Everything Covet needs to know about one model, implemented by the generated {@code Name_.TYPE}: the
 * metadata, the metamodel table, and field access and row reading without reflection. Applications use it as
 * a handle ({@code orm.objects(Customer_.TYPE)}) and never subclass it by hand. A model is a class extending
 * {@link Entity} or a record ({@link RecordType}).
 *
 * <p>Field indexes are positions in {@link ModelMeta#fields()}. A foreign-key field's Java value is its
 * {@link Ref}; its column value is the target's primary key.
 *
 * @param <T> the model class
 */
public abstract class ModelType<T> {
    private final Class<T> javaClass;
    private final ModelMeta meta;

    /** For generated code. */
    protected ModelType(Class<T> javaClass, ModelMeta meta) {
        this.javaClass = Objects.requireNonNull(javaClass, "javaClass");
        this.meta = Objects.requireNonNull(meta, "meta");
    }

    /**
     * For generated code: the type of a class model whose metamodel table {@code table} is also its row mapper,
     * so that the model needs no generated {@code ModelType} subclass of its own. {@link #table()} is
     * {@code table}; every other method is the codec's.
     */
    public static <T, C extends Table & ModelCodec<T>> ModelType<T> of(Class<T> javaClass, ModelMeta meta, C table) {
        return new CodecType<>(javaClass, meta, Objects.requireNonNull(table, "table"));
    }

    /** The model class. */
    public final Class<T> javaClass() {
        return javaClass;
    }

    /** The model's metadata. */
    public final ModelMeta meta() {
        return meta;
    }

    /** The metamodel table, without alias. */
    public abstract Table table();

    /**
     * The columns of {@code table} (this model's metamodel table, possibly aliased) in field order.
     *
     * @throws ClassCastException for a table of another model
     */
    public abstract List<io.covet.sql.Column<?>> columns(Table table);

    /** A new, empty instance (the model's no-argument constructor). */
    public abstract T newInstance();

    /**
     * Reads one instance from the current row: field {@code i} from column {@code from + i}, by index, with the
     * engine's representation of each type. Stores each field's column value in {@code snapshot[i]}, from which
     * Covet later tells which fields changed.
     */
    public abstract T read(ResultSet rs, int from, Engine engine, Object[] snapshot) throws SQLException;

    /** The Java value of field {@code field} (a {@link Ref} for a foreign key). */
    public abstract Object get(T instance, int field);

    /** Sets field {@code field} to a Java value (a {@link Ref} for a foreign key). */
    public abstract void set(T instance, int field, Object value);

    /**
     * Reads field {@code field} of {@code instance} from column {@code column} of the current row alone and stores
     * its column value in {@code snapshot[field]}: how {@code QuerySet.only}/{@code defer} read a subset of the
     * columns. Generated for every class model; the default refuses (a metamodel from an older processor).
     */
    public void readField(ResultSet rs, int column, Engine engine, T instance, int field, Object[] snapshot)
            throws SQLException {
        throw new UnsupportedOperationException(meta.simpleName() + "_ cannot read single fields: recompile the "
                + "model with this version's covet-orm-processor");
    }

    /** Whether field {@code field} is declared {@code @Column(deferred = true)}; generated where any is. */
    public boolean deferredByDefault(int field) {
        return false;
    }

    /** Gives the instance's {@link Related} fields their handles; generated where the model has any. */
    public void bindRelations(T instance) {
    }

    /** The validators declared on field {@code field}. */
    public List<Validator> validators(int field) {
        return List.of();
    }

    @Override
    public String toString() {
        return "ModelType[" + meta.simpleName() + " -> " + meta.table() + "]";
    }
}
