package io.covet.orm.internal;

import io.covet.orm.Entity;
import io.covet.orm.Path;
import io.covet.orm.Ref;
import io.covet.orm.ValidationErrors;
import io.covet.orm.spi.ModelType;

import io.covet.orm.Related;
import io.covet.sql.Table;

import java.util.List;
import java.util.function.Function;

/**
 * The package-private state of the API types ({@link Entity}'s snapshot and attachment, {@link Ref}'s target,
 * {@link Path}'s steps) as the internals need it, without making it public. Not an API.
 *
 * <p>{@code io.covet.orm} installs the one implementation when the first of its classes whose state this reaches
 * is initialised ({@code Orm}, {@link Entity}, {@link Ref}, {@link Path}), and {@link io.covet.orm.spi.Metamodel}
 * initialises {@link Path} before its first call. Every method here takes an instance of one of those classes,
 * or is called from code that holds one (an {@code Orm} owns every runtime), so the implementation is always
 * installed by the time it is asked for, without this package naming the API class that installs it.
 */
public abstract class Access {
    private static volatile Access installed;

    /** For the implementation in {@code io.covet.orm}. */
    protected Access() {
    }

    /**
     * Installs the implementation; called once, when {@code io.covet.orm}'s implementation class is initialised.
     *
     * @throws IllegalStateException when one is installed already
     */
    public static synchronized void install(Access access) {
        if (installed != null) {
            throw new IllegalStateException("the ORM's internal access is installed already");
        }
        installed = access;
    }

    /**
     * The installed implementation.
     *
     * @throws IllegalStateException when none is installed yet: a caller that holds no instance of the API
     *                               classes listed above (a bug in covet-orm, not in its user's code)
     */
    public static Access get() {
        Access a = installed;
        if (a == null) {
            throw new IllegalStateException("the ORM's internal access is not installed yet: initialise "
                    + "io.covet.orm.Path (or Orm, Entity, Ref) before asking for it");
        }
        return a;
    }

    /** The column values the instance was loaded or last saved with, or null when it was neither. */
    public abstract Object[] snapshot(Entity e);

    /** Replaces the snapshot; null marks the instance as not persisted (after a delete). */
    public abstract void snapshot(Entity e, Object[] snapshot);

    /** The model type the instance was attached with, or null. */
    public abstract ModelType<?> type(Entity e);

    /** The primary key's value (a list for a composite key), or null while unset. */
    public abstract Object primaryKey(Entity e);

    /**
     * Marks the instance as read from or saved to {@code database} through {@code orm}, the facade's handle
     * ({@link OrmRuntime#api()}).
     */
    public abstract void attach(Entity e, Object orm, String database, ModelType<?> type, Object[] snapshot);

    /** Stores an annotation's value on the instance. */
    public abstract void annotate(Entity e, String name, Object value);

    /** Stores the prefetched instances of one relation. */
    public abstract void prefetched(Entity e, String relation, List<? extends Entity> values);

    /** Drops every prefetched relation. */
    public abstract void forgetPrefetched(Entity e);

    /** Runs the model's own {@code clean}. */
    public abstract void clean(Entity e, ValidationErrors errors);

    /** Sets the loaded target of a reference. */
    public abstract void load(Ref<?> ref, Entity target);

    /** The steps of a path, first to last. */
    public abstract List<PathStep> steps(Path<?, ?, ?> path);

    /** The path of these steps. */
    public abstract Path<?, ?, ?> path(List<PathStep> steps);

    /** A foreign-key or one-to-one path step (see {@link io.covet.orm.spi.Metamodel}). */
    public abstract <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> forward(
            String sourceModel, String field, String targetModel, Function<String, R> aliaser);

    /** A reverse path step. */
    public abstract <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> reverse(
            String sourceModel, String name, String targetModel, String remoteField, Function<String, R> aliaser);

    /** A many-to-many path step. */
    public abstract <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> manyToMany(
            String sourceModel, String name, String targetModel, Function<String, R> aliaser);

    /** A reference read from a row, loaded lazily through the owner's Orm. */
    public abstract <T extends Entity> Ref<T> lazyRef(Object id, Entity owner, String targetModel, String field);

    /** The handle of a reverse or many-to-many field. */
    public abstract <T extends Entity> Related<T> related(Entity owner, String name);

    /** What the instance's query left out (an internal {@code DeferredState}), or null when it has every field. */
    public abstract Object deferred(Entity e);

    /** Replaces what the instance lacks; null once it has every field. */
    public abstract void deferred(Entity e, Object state);
}
