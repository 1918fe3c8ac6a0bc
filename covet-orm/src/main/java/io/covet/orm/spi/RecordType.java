package io.covet.orm.spi;

import io.covet.orm.OrmUsageException;

/**
 * The {@link ModelType} of a record model: a {@code record} annotated {@link io.covet.orm.Model}, implemented by
 * the generated {@code Name_.TYPE}. Records are immutable, so rows are read through the canonical constructor and a
 * change is a new record ({@code create}); nothing is tracked per instance.
 *
 * @param <R> the record class
 */
public abstract class RecordType<R extends Record> extends ModelType<R> {
    /** For generated code. */
    protected RecordType(Class<R> javaClass, ModelMeta meta) {
        super(javaClass, meta);
    }

    /**
     * A new record from its fields' Java values in field order (the record's canonical constructor).
     *
     * @throws ClassCastException when a value is not of its field's type
     */
    public abstract R create(Object[] values);

    /**
     * Records have no constructor without parameters: use {@link #create(Object[])}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public final R newInstance() {
        throw new UnsupportedOperationException(meta().simpleName() + " is a record: build it with its constructor");
    }

    /**
     * Records are immutable.
     *
     * @throws OrmUsageException always, naming the field
     */
    @Override
    public final void set(R instance, int field, Object value) {
        throw new OrmUsageException(meta().simpleName() + " is a record, so its field "
                + meta().fields().get(field).name() + " cannot be assigned: build a new record instead");
    }
}
