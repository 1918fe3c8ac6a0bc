package io.covet.orm.internal;

import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Path;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A query's {@link Loading} resolved per table: for the model's own table and each {@code selectRelated} path's,
 * which fields are selected. A table named by {@code only} loads its key and the named fields; any other loads
 * every field but its model's {@code @Column(deferred = true)} ones (unless {@code deferNone}); {@code defer}
 * removes fields from either. Foreign keys that {@code selectRelated} or a forward {@code prefetchRelated} follow
 * are always loaded (deferring one explicitly is refused). Not an API.
 *
 * @param root    the model's own table, or null when it loads whole rows
 * @param related per {@code QuerySpec.related()} path, its table's plan, or null entries for whole rows
 */
record DeferralPlan(TablePlan root, TablePlan[] related) {

    /** The query's plan, or null when every table loads whole rows (the common case, read as before). */
    @SuppressWarnings("unchecked")
    static DeferralPlan of(OrmRuntime orm, QuerySpec<?> qs) {
        Loading l = qs.loading();
        if (l == Loading.DEFAULT && !anyDefault(qs.type()) && qs.related().stream()
                .noneMatch(p -> anyDefault(orm.type(Paths.last(p).targetModel())))) {
            return null;
        }
        List<Column<?>> unused = new ArrayList<>(l.deferred());
        if (l.only() != null) {
            unused.addAll(l.only());
        }
        ModelType<Entity> type = (ModelType<Entity>) qs.type();
        TablePlan root = table(type, type.table(), l, followed(qs, null), unused, type.meta().simpleName());
        TablePlan[] related = new TablePlan[qs.related().size()];
        for (int k = 0; k < related.length; k++) {
            Path<?, ?, ?> p = qs.related().get(k);
            ModelType<Entity> t = (ModelType<Entity>) orm.type(Paths.last(p).targetModel());
            related[k] = table(t, p.table(), l, followed(qs, p), unused,
                    type.meta().simpleName() + "." + p.name());
        }
        if (!unused.isEmpty()) {
            Column<?> c = unused.get(0);
            throw new OrmUsageException("only/defer names " + Deferral.describe(c) + ", which is not a column this "
                    + "query of " + type.meta().simpleName() + " reads: name " + type.meta().simpleName()
                    + "_ columns, or a related model's through its path's table (" + type.meta().simpleName()
                    + "_.CUSTOMER.table().email) together with selectRelated of that path");
        }
        return root == null && java.util.Arrays.stream(related).allMatch(java.util.Objects::isNull) ? null
                : new DeferralPlan(root, related);
    }

    private static boolean anyDefault(ModelType<?> t) {
        for (int i = 0; i < t.meta().fields().size(); i++) {
            if (t.deferredByDefault(i)) {
                return true;
            }
        }
        return false;
    }

    /** The field names of the table at {@code path} (null: the model's own) that selectRelated/prefetch follow. */
    private static Set<String> followed(QuerySpec<?> qs, Path<?, ?, ?> path) {
        Set<String> out = new HashSet<>();
        for (Path<?, ?, ?> p : qs.related()) {
            Path<?, ?, ?> parent = Paths.parent(p);
            if (path == null ? parent == null : path.equals(parent)) {
                out.add(Paths.last(p).name());
            }
        }
        if (path == null) {
            for (Path<?, ?, ?> p : qs.prefetch()) {
                PathStep first = Access.get().steps(p).get(0);
                if (first.kind() == PathStep.Kind.FORWARD) {
                    out.add(first.name());
                }
            }
        }
        return out;
    }

    /** One table's plan, or null when it loads every field; removes the columns it matched from {@code unused}. */
    private static TablePlan table(ModelType<Entity> type, Table table, Loading l, Set<String> followed,
                                   List<Column<?>> unused, String where) {
        List<Column<?>> cols = type.columns(table);
        int n = cols.size();
        boolean[] named = l.only() == null ? null : matches(cols, table, l.only(), unused);
        boolean[] deferred = matches(cols, table, l.deferred(), unused);
        boolean anyNamed = false;
        if (named != null) {
            for (boolean b : named) {
                anyNamed |= b;
            }
        }
        boolean[] load = new boolean[n];
        boolean all = true;
        for (int i = 0; i < n; i++) {
            var f = type.meta().fields().get(i);
            load[i] = anyNamed ? named[i] : !(type.deferredByDefault(i) && !l.noDefaults());
            load[i] &= !deferred[i];
            if (f.primaryKey()) {
                load[i] = true;
            }
            if (!load[i] && followed.contains(f.name())) {
                if (deferred[i]) {
                    throw new OrmUsageException("defer(" + Deferral.describe(cols.get(i)) + ") contradicts "
                            + "following " + where + "." + f.name() + " with selectRelated/prefetchRelated, which "
                            + "needs the foreign key: drop one of the two");
                }
                load[i] = true;
            }
            all &= load[i];
        }
        return all ? null : new TablePlan(type, load);
    }

    private static boolean[] matches(List<Column<?>> cols, Table table, List<Column<?>> given, List<Column<?>> unused) {
        boolean[] out = new boolean[cols.size()];
        for (Column<?> c : given) {
            if (c.table() == null || !c.table().equals(table)) {
                continue;
            }
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).name().equals(c.name())) {
                    out[i] = true;
                    unused.remove(c);
                }
            }
        }
        return out;
    }
}
