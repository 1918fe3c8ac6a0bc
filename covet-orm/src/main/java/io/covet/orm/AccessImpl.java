package io.covet.orm;

import io.covet.orm.internal.Access;
import io.covet.orm.internal.PathStep;
import io.covet.orm.spi.ModelType;

import io.covet.sql.Table;

import java.util.List;
import java.util.function.Function;

/**
 * The internals' view of this package's package-private state. Installed when this class is initialised, which
 * {@link #install()} triggers from the static initialisers of {@link Orm}, {@link Entity}, {@link Ref} and
 * {@link Path} (the classes whose instances the internals reach through it); the JVM runs that once.
 */
final class AccessImpl extends Access {
    static {
        Access.install(new AccessImpl());
    }

    private AccessImpl() {
    }

    /** Makes sure the implementation is installed (by initialising this class); does nothing after the first call. */
    static void install() {
        // the static initialiser does the work
    }

    @Override
    public Object[] snapshot(Entity e) {
        return e.covetSnapshot;
    }

    @Override
    public void snapshot(Entity e, Object[] snapshot) {
        e.covetSnapshot = snapshot;
    }

    @Override
    public ModelType<?> type(Entity e) {
        return e.covetType;
    }

    @Override
    public Object primaryKey(Entity e) {
        return e.primaryKeyValue();
    }

    @Override
    public void attach(Entity e, Object orm, String database, ModelType<?> type, Object[] snapshot) {
        // the handle is the Orm that built the runtime (OrmRuntime.api()): a checkcast, no lookup
        e.attach((Orm) orm, database, type, snapshot);
    }

    @Override
    public void annotate(Entity e, String name, Object value) {
        e.annotate(name, value);
    }

    @Override
    public void prefetched(Entity e, String relation, List<? extends Entity> values) {
        e.prefetched(relation, values);
    }

    @Override
    public void forgetPrefetched(Entity e) {
        e.covetPrefetched = null;
    }

    @Override
    public void clean(Entity e, ValidationErrors errors) {
        e.clean(errors);
    }

    @Override
    public void load(Ref<?> ref, Entity target) {
        ref.load(target);
    }

    @Override
    public List<PathStep> steps(Path<?, ?, ?> path) {
        return path.steps();
    }

    @Override
    public Path<?, ?, ?> path(List<PathStep> steps) {
        return new Path<>(steps);
    }

    @Override
    public <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> forward(
            String sourceModel, String field, String targetModel, Function<String, R> aliaser) {
        return Path.forward(sourceModel, field, targetModel, aliaser);
    }

    @Override
    public <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> reverse(
            String sourceModel, String name, String targetModel, String remoteField, Function<String, R> aliaser) {
        return Path.reverse(sourceModel, name, targetModel, remoteField, aliaser);
    }

    @Override
    public <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> manyToMany(
            String sourceModel, String name, String targetModel, Function<String, R> aliaser) {
        return Path.manyToMany(sourceModel, name, targetModel, aliaser);
    }

    @Override
    public <T extends Entity> Ref<T> lazyRef(Object id, Entity owner, String targetModel, String field) {
        return Ref.lazy(id, owner, targetModel, field);
    }

    @Override
    public <T extends Entity> Related<T> related(Entity owner, String name) {
        return new Related<>(owner, name);
    }

    @Override
    public Object deferred(Entity e) {
        return e.covetDeferred;
    }

    @Override
    public void deferred(Entity e, Object state) {
        e.covetDeferred = state;
    }
}
