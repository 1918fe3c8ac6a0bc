package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
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
 * Polymorphic loading of a multi-table parent: one SELECT of the parent's rows with a LEFT JOIN of each registered
 * child model's own table, so that every row comes back as the most specific model it has a row of. Not an API.
 */
public final class Polymorphic {
    private Polymorphic() {
    }

    /**
     * The matching instances, each as the registered multi-table child of the query's model whose row it has (the
     * query's model where none), in one statement, then one per prefetched relation.
     *
     * @throws OrmUsageException with selectRelated or annotations, which this query does not combine yet
     */
    @SuppressWarnings("unchecked")
    public static <T extends Entity> List<T> list(OrmRuntime orm, QuerySpec<T> q) {
        if (q.type().meta().singleTable()) {
            return SingleTables.listPolymorphic(orm, q);
        }
        if (!q.related().isEmpty() || !q.annotations().isEmpty()) {
            throw new OrmUsageException("polymorphic() does not combine with selectRelated or annotate yet: load the "
                    + "subclass instances with polymorphic(), then query the relations or values separately");
        }
        ModelType<T> type = q.type();
        List<ModelType<? extends T>> children = new ArrayList<>();
        for (ModelType<?> t : orm.types()) {
            if (MultiTables.childOf(t, type)) {
                children.add((ModelType<? extends T>) t);
            }
        }
        // The parent's columns once, then per child its own columns from a LEFT JOIN of its own table, then one
        // CASE naming the child whose link is not NULL (1 for the first, …; NULL for a plain parent row). A
        // child's inherited fields are read from the parent's columns: repeating them per child (so that the
        // child's generated read() could take one contiguous run) made each row several times as wide, and
        // testing each child's link column cost a boxed read per child and row.
        List<io.covet.sql.Column<?>> parentColumns = type.columns(type.table());
        int n = parentColumns.size();
        List<SelectItem> items = new ArrayList<>(parentColumns);
        List<Table> joined = new ArrayList<>();
        List<Column<?>> links = new ArrayList<>();
        int[] from = new int[children.size()];
        int next = n + 1;
        for (int k = 0; k < children.size(); k++) {
            MultiTables.Link<?> link = MultiTables.link(orm, (ModelType<Entity>) children.get(k));
            Table t = link.table().as("covet_poly_" + k);
            List<Column<?>> own = link.columns(t);
            joined.add(t);
            links.add(own.get(0));
            from[k] = next;
            items.addAll(own.subList(1, own.size()));
            next += own.size() - 1;
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
        for (int k = 0; k < children.size(); k++) {
            s = s.leftJoin(joined.get(k), Relations.eq(links.get(k), parentKey));
        }
        Database d = orm.database(q.database());
        Engine engine = d.engine();
        Object api = orm.api();
        String db = orm.databaseName(q.database());
        Access access = Access.get();
        List<T> out = s.statement(d).list((ResultSet rs) -> {
            int k = children.isEmpty() ? 0 : rs.getInt(which);
            if (k > 0) {
                return readChild(rs, (ModelType<T>) children.get(k - 1), n, from[k - 1], engine, access, api, db);
            }
            return read(rs, type, 1, engine, access, api, db);
        });
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
