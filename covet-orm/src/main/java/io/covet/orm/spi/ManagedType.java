package io.covet.orm.spi;

import io.covet.orm.CustomQuerySet;
import io.covet.orm.Entity;
import io.covet.orm.QuerySet;

/**
 * The handle of a model with a {@link io.covet.orm.Manager}: {@code orm.objects(type)} returns the model's own query
 * set {@code Q}. Implemented by the generated {@code Name_.TYPE}; not for hand-written code.
 *
 * @param <T> the model
 * @param <Q> the model's query set
 */
public abstract class ManagedType<T extends Entity, Q extends CustomQuerySet<T, Q>> extends ModelType<T> {
    /** For generated code. */
    protected ManagedType(Class<T> javaClass, ModelMeta meta) {
        super(javaClass, meta);
    }

    /** The model's query set over {@code base} (generated: its constructor). */
    public abstract Q manager(QuerySet<T> base);
}
