package io.covet.orm;

import io.covet.core.pipeline.LazyLoad;
import io.covet.orm.spi.ModelType;

import java.util.Objects;

/**
 * The value of a foreign-key field: the target's primary key, and the target itself once loaded. Loaded by
 * {@code selectRelated} (no extra query) or on first {@link #get()} (one query, lazily).
 *
 * <p>A lazy load needs the {@link Orm} that loaded the owning instance to be open; after it is closed,
 * {@link #get()} throws {@link LazyLoadException} saying which relation to load eagerly instead.
 *
 * @param <T> the target model
 */
public final class Ref<T extends Entity> {
    private final Object id;
    private final Entity owner;
    private final String targetModel;
    private final String field;
    private T value;

    static {
        // the internals load references through it (see AccessImpl)
        AccessImpl.install();
    }

    private Ref(Object id, T value, Entity owner, String targetModel, String field) {
        this.id = id;
        this.value = value;
        this.owner = owner;
        this.targetModel = targetModel;
        this.field = field;
    }

    /** A reference to an instance (saved or to be saved before the owner). */
    public static <T extends Entity> Ref<T> to(T target) {
        return new Ref<>(null, Objects.requireNonNull(target, "target"), null, null, null);
    }

    /** A reference to a primary key, without loading the target. */
    public static <T extends Entity> Ref<T> id(Object id) {
        return new Ref<>(Objects.requireNonNull(id, "id"), null, null, null, null);
    }

    /** A reference read from a row, loaded lazily through the owner's {@link Orm}. */
    static <T extends Entity> Ref<T> lazy(Object id, Entity owner, String targetModel, String field) {
        return new Ref<>(id, null, owner, targetModel, field);
    }

    /**
     * The target's primary key; null when the reference is to an instance that is not saved yet.
     */
    public Object id() {
        return value != null ? value.primaryKeyValue() : id;
    }

    /** Whether the target is loaded (no query is needed for {@link #get()}). */
    public boolean loaded() {
        return value != null;
    }

    /** The target if loaded, else null; never queries. */
    public T peek() {
        return value;
    }

    /**
     * The target, loaded with one query on first call.
     *
     * @throws LazyLoadException when not loaded and the instance was not read through an open {@link Orm}
     * @throws DoesNotExist      when the target row is gone
     * @throws DeletedReference  when the target is soft-deleted ({@link SoftDelete}): read it explicitly with
     *                           {@code orm.objects(Target_.TYPE).allObjects().get(ref.id())}
     */
    @SuppressWarnings("unchecked")
    public T get() {
        if (value == null) {
            Orm orm = owner == null ? null : owner.covetOrm;
            String where = (owner == null ? "a reference" : owner.getClass().getSimpleName() + "." + field)
                    + " (id " + id + ")";
            if (orm == null) {
                throw new LazyLoadException(where + " is not loaded and was not read from a database: load the "
                        + "target and use Ref.to(target)");
            }
            if (orm.isClosed()) {
                throw new LazyLoadException(where + " is not loaded and the Orm that read it is closed: load it "
                        + "eagerly with selectRelated(...) or prefetchRelated(...) while the database is open");
            }
            ModelType<T> type = (ModelType<T>) orm.type(targetModel);
            // Marked as a lazy load so that the statement pipeline (N+1 detection) can tell it from asked-for reads.
            try {
                value = new LazyLoad(owner.getClass().getSimpleName(), field, false)
                        .run(() -> orm.objects(type).using(owner.covetDatabase).get(id));
            } catch (DoesNotExist e) {
                DoesNotExist deleted = orm.deletedTarget(type, id, owner.covetDatabase, where);
                throw deleted != null ? deleted : e;
            }
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    void load(Entity target) {
        this.value = (T) target;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ref<?> r && Objects.equals(id(), r.id()) && id() != null;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id());
    }

    @Override
    public String toString() {
        return "Ref(" + id() + ")";
    }
}
