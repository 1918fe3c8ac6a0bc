package io.covet.orm;

import io.covet.orm.internal.Access;
import io.covet.orm.internal.PathStep;
import io.covet.orm.spi.ModelType;

import java.util.List;

/** The internals' view of this package's package-private state; installed by {@link Orm}. */
final class AccessImpl extends Access {
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
    public void attach(Entity e, Orm orm, String database, ModelType<?> type, Object[] snapshot) {
        e.attach(orm, database, type, snapshot);
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
}
