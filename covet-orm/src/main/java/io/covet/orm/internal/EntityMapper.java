package io.covet.orm.internal;

import io.covet.core.RowMapper;
import io.covet.core.engine.Engine;
import io.covet.orm.Entity;
import io.covet.orm.Path;
import io.covet.orm.Ref;
import io.covet.orm.spi.Jdbc;
import io.covet.orm.spi.ModelType;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a row to an instance (and its select_related targets and annotations) through the generated readers:
 * columns by index, no reflection. One plan per query; stateless per row, so it may be shared by streams.
 */
final class EntityMapper<T extends Entity> implements RowMapper<T> {
    private final Object orm;
    private final Access access;
    private final ModelType<T> type;
    private final String db;
    private final Engine engine;
    private final int width;
    private final Step[] steps;
    private final QuerySpec.Annotation[] annotations;
    private final int annotationsFrom;
    private final List<SelectItem> items;
    /** Neither select_related nor annotations: the row holds the model's columns only. */
    private final boolean plain;
    /** How the model's own table is read when fields are deferred, else null (whole rows). */
    private final TablePlan rootPlan;

    /** A select_related target: read from column {@code from}, stored in field {@code field} of step {@code parent}. */
    private record Step(int parent, ModelType<Entity> parentType, int field, ModelType<Entity> type, int from,
                        int width, int pk, TablePlan plan) {
    }

    @SuppressWarnings("unchecked")
    private EntityMapper(OrmRuntime runtime, QuerySpec<T> qs, Engine engine) {
        this.orm = runtime.api();
        this.access = Access.get();
        this.type = qs.type();
        this.db = runtime.databaseName(qs.database());
        this.engine = engine;
        this.width = type.meta().fields().size();
        DeferralPlan deferral = DeferralPlan.of(runtime, qs);
        this.rootPlan = deferral == null ? null : deferral.root();
        List<io.covet.sql.Column<?>> own = rootPlan == null ? type.columns(type.table())
                : rootPlan.columns(type.columns(type.table()));
        List<SelectItem> its = new ArrayList<>(qs.alone() ? unqualified(own) : own);
        List<Path<?, ?, ?>> order = new ArrayList<>();
        List<Step> st = new ArrayList<>();
        int from = own.size() + 1;
        for (Path<?, ?, ?> p : qs.related()) {
            Path<?, ?, ?> parent = Paths.parent(p);
            PathStep last = Paths.last(p);
            int parentIndex = parent == null ? -1 : order.indexOf(parent);
            ModelType<Entity> parentType = (ModelType<Entity>) runtime.type(last.sourceModel());
            ModelType<Entity> target = (ModelType<Entity>) runtime.type(last.targetModel());
            int w = target.meta().fields().size();
            TablePlan plan = deferral == null ? null : deferral.related()[order.size()];
            List<io.covet.sql.Column<?>> cols = plan == null ? target.columns(p.table())
                    : plan.columns(target.columns(p.table()));
            st.add(new Step(parentIndex, parentType, parentType.meta().indexOf(last.name()), target, from, w,
                    target.meta().primaryKeyIndex(), plan));
            its.addAll(cols);
            order.add(p);
            from += cols.size();
        }
        this.steps = st.toArray(Step[]::new);
        this.annotationsFrom = from;
        this.annotations = qs.annotations().toArray(QuerySpec.Annotation[]::new);
        for (QuerySpec.Annotation a : annotations) {
            its.add(a.expr().as(a.name()));
        }
        this.items = List.copyOf(its);
        this.plain = steps.length == 0 && annotations.length == 0;
    }

    /** The same columns without their table qualifier. */
    static List<io.covet.sql.Column<?>> unqualified(List<io.covet.sql.Column<?>> columns) {
        List<io.covet.sql.Column<?>> out = new ArrayList<>(columns.size());
        for (io.covet.sql.Column<?> c : columns) {
            out.add(Sql.field(c.name(), c.type()));
        }
        return out;
    }

    static <T extends Entity> EntityMapper<T> of(OrmRuntime orm, QuerySpec<T> qs, Engine engine) {
        return new EntityMapper<>(orm, qs, engine);
    }

    List<SelectItem> items() {
        return items;
    }

    @Override
    public T map(ResultSet rs) throws SQLException {
        Object[] snapshot = new Object[width];
        @SuppressWarnings("unchecked")
        T o = rootPlan == null ? type.read(rs, 1, engine, snapshot) : (T) rootPlan.read(rs, 1, engine, snapshot);
        access.attach(o, orm, db, type, snapshot);
        if (rootPlan != null) {
            rootPlan.mark(o);
        }
        type.bindRelations(o);
        if (!plain) {
            readExtras(rs, o);
        }
        return o;
    }

    /** select_related targets and annotations, kept out of {@link #map} so the common path stays small. */
    void readExtras(ResultSet rs, T o) throws SQLException {
        if (steps.length > 0) {
            readRelated(rs, o);
        }
        for (int i = 0; i < annotations.length; i++) {
            QuerySpec.Annotation a = annotations[i];
            access.annotate(o, a.name(), Jdbc.read(rs, annotationsFrom + i, a.expr().type(), engine));
        }
    }

    private void readRelated(ResultSet rs, T root) throws SQLException {
        Entity[] read = new Entity[steps.length];
        for (int i = 0; i < steps.length; i++) {
            Step s = steps[i];
            Entity parent = s.parent() < 0 ? root : read[s.parent()];
            if (parent == null) {
                continue;
            }
            Object[] snapshot = new Object[s.width()];
            Entity t = s.plan() == null ? s.type().read(rs, s.from(), engine, snapshot)
                    : s.plan().read(rs, s.from(), engine, snapshot);
            if (snapshot[s.pk()] == null) {
                continue; // LEFT JOIN found no row: the foreign key is NULL
            }
            access.attach(t, orm, db, s.type(), snapshot);
            if (s.plan() != null) {
                s.plan().mark(t);
            }
            s.type().bindRelations(t);
            Object ref = s.parentType().get(parent, s.field());
            if (ref instanceof Ref<?> r) {
                access.load(r, t);
            }
            read[i] = t;
        }
    }
}
