package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.orm.Entity;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Case;
import io.covet.sql.Select;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Polymorphic loading of a multi-table parent, so that every row comes back as the most specific model it has a
 * row of: a query reading every row of the model ({@link PolymorphicSplit#applies}) reads each descendant's own
 * table whole and then the parent's rows, in one snapshot ({@link PolymorphicSplit}); any other query, or one
 * inside a READ COMMITTED transaction, sends one SELECT of the parent's rows with a LEFT JOIN of each registered
 * descendant level's own table (children, grandchildren, ...). Not an API.
 */
public final class Polymorphic {
    private Polymorphic() {
    }

    /**
     * The matching instances, each as the registered multi-table child of the query's model whose row it has (the
     * query's model where none), in one statement (or, unfiltered, one per table in one snapshot), then one per
     * prefetched relation.
     *
     * With selectRelated and annotations, each instance (of whichever model) carries the related instances and
     * the annotation values, read from the same row.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Entity> List<T> list(OrmRuntime orm, QuerySpec<T> q) {
        if (q.type().meta().singleTable()) {
            return SingleTables.listPolymorphic(orm, q);
        }
        ModelType<T> type = q.type();
        Database d = orm.database(q.database());
        Engine engine = d.engine();
        // selectRelated and annotations: the query's own plan reads them (its items first), for whichever model
        // the row turns out to be
        boolean extras = !q.related().isEmpty() || !q.annotations().isEmpty();
        EntityMapper<T> base = extras ? EntityMapper.of(orm, q, engine) : null;
        // Every registered multi-table descendant of the query's model (children, grandchildren, ...), the deepest
        // first, so that a row is read as the most specific model it has a row of.
        List<ModelType<? extends T>> children = new ArrayList<>();
        List<List<MultiTables.Part<Entity>>> levels = new ArrayList<>();
        for (ModelType<?> t : orm.types()) {
            if (!t.meta().multiTable() || !MultiTables.ancestors(orm, t.meta()).contains(type.meta().name())) {
                continue;
            }
            List<MultiTables.Part<Entity>> parts = MultiTables.parts(orm, (ModelType<Entity>) t);
            int below = parts.size() - 1;
            while (below > 0 && parts.get(below - 1).to() > type.meta().fields().size()) {
                below--;
            }
            List<MultiTables.Part<Entity>> own = parts.subList(below, parts.size()); // the tables under the model
            int at = 0;
            while (at < levels.size() && levels.get(at).size() >= own.size()) {
                at++;
            }
            children.add(at, (ModelType<? extends T>) t);
            levels.add(at, own);
        }
        if (!children.isEmpty() && PolymorphicSplit.applies(orm, q)) {
            List<T> out = PolymorphicSplit.inOneSnapshot(d, () -> PolymorphicSplit.read(orm, q, d, children, levels));
            if (out != null) {
                return prefetched(orm, q, out);
            }
        }
        // The query model's columns once (first among the query's own items when it reads relations or
        // annotations), then per descendant the own columns of each level below the query model, from a LEFT JOIN
        // of that level's own table (each table joined once, on the query model's key: every level's link holds the
        // root's key), then one CASE naming the deepest descendant whose link is not NULL (1 for the first, ...;
        // NULL for a row of the query model itself). Inherited fields are read from the query model's columns:
        // repeating them per descendant made each row several times as wide, and testing each link column cost a
        // boxed read per descendant and row.
        List<io.covet.sql.Column<?>> parentColumns = type.columns(type.table());
        int n = parentColumns.size();
        List<SelectItem> items = new ArrayList<>(extras ? base.items() : parentColumns);
        List<io.covet.sql.Field<?>> joinedColumns = new ArrayList<>();
        java.util.Map<String, Table> joinedBy = new java.util.LinkedHashMap<>();
        List<Column<?>> joinLinks = new ArrayList<>();
        List<Column<?>> links = new ArrayList<>();
        int[] from = new int[children.size()];
        int next = items.size() + 1;
        for (int k = 0; k < children.size(); k++) {
            from[k] = next;
            Column<?> link = null;
            for (MultiTables.Part<Entity> p : levels.get(k)) {
                Table t = joinedBy.get(p.rows().meta().name());
                if (t == null) {
                    t = p.rows().table().as("covet_poly_" + joinedBy.size());
                    joinedBy.put(p.rows().meta().name(), t);
                    joinLinks.add(p.rows().columns(t).get(0));
                    joinedColumns.addAll(p.rows().columns(t));
                }
                List<Column<?>> own = p.rows().columns(t);
                items.addAll(own.subList(1, own.size()));
                next += own.size() - 1;
                link = own.get(0);
            }
            links.add(link);
        }
        int which = next;
        if (!children.isEmpty()) {
            Case<Integer> kind = Sql.when(links.get(0).isNotNull(), 1);
            for (int k = 1; k < children.size(); k++) {
                kind = kind.when(links.get(k).isNotNull(), k + 1);
            }
            items.add(kind);
        }
        Select s = QuerySql.select(orm, q, items, true);
        Column<?> parentKey = Joins.pk(type, type.table());
        int j = 0;
        for (Table t : joinedBy.values()) {
            s = s.leftJoin(t, Relations.eq(joinLinks.get(j++), parentKey));
        }
        if (!joinedColumns.isEmpty() && q.annotations().stream()
                .anyMatch(a -> a.expr() instanceof io.covet.sql.AggregateFunction<?>)) {
            s = s.groupBy(joinedColumns.toArray(io.covet.sql.Field<?>[]::new)); // grouped per row, as list() is
        }
        Object api = orm.api();
        String db = orm.databaseName(q.database());
        Access access = Access.get();
        List<T> out = s.statement(d).list((ResultSet rs) -> {
            int k = children.isEmpty() ? 0 : rs.getInt(which);
            if (k > 0) {
                T o = readChild(rs, (ModelType<T>) children.get(k - 1), n, from[k - 1], engine, access, api, db);
                if (extras) {
                    base.readExtras(rs, o);
                }
                return o;
            }
            return extras ? base.map(rs) : read(rs, type, 1, engine, access, api, db);
        });
        return prefetched(orm, q, out);
    }

    private static <T extends Entity> List<T> prefetched(OrmRuntime orm, QuerySpec<T> q, List<T> out) {
        if (!q.prefetch().isEmpty() && !out.isEmpty()) {
            Prefetcher.run(orm, q.prefetch(), out);
        }
        return out;
    }

    /**
     * A child's instance from the parent's columns (from column 1: its first {@code n} fields) and its own columns
     * (from column {@code own}: its other fields), one field at a time since the two runs are apart.
     */
    private static <T extends Entity> T readChild(ResultSet rs, ModelType<T> t, int n, int own, Engine engine,
                                                  Access access, Object api, String db) throws java.sql.SQLException {
        int size = t.meta().fields().size();
        Object[] snapshot = new Object[size];
        T o = t.newInstance();
        for (int i = 0; i < n; i++) {
            t.readField(rs, 1 + i, engine, o, i, snapshot);
        }
        for (int i = n; i < size; i++) {
            t.readField(rs, own + i - n, engine, o, i, snapshot);
        }
        access.attach(o, api, db, t, snapshot);
        t.bindRelations(o);
        return o;
    }

    private static <T extends Entity> T read(ResultSet rs, ModelType<T> t, int from, Engine engine, Access access,
                                             Object api, String db) throws java.sql.SQLException {
        Object[] snapshot = new Object[t.meta().fields().size()];
        T o = t.read(rs, from, engine, snapshot);
        access.attach(o, api, db, t, snapshot);
        t.bindRelations(o);
        return o;
    }
}
