package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.tx.Isolation;
import io.covet.core.tx.Transaction;
import io.covet.core.tx.TxOptions;
import io.covet.orm.Entity;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Polymorphic loading of a multi-table parent by tables (django-polymorphic's shape): each descendant model's own
 * table read whole (its link and own columns, no join), the deepest models first, matched by key in a hash map;
 * then the query model's rows, in the query's order, each becoming the instance its key already has. All
 * statements run in one snapshot. Only for a query that reads every row of the model (see {@link #applies}): a
 * child table read whole is only right when no parent row is filtered out. Not an API.
 */
final class PolymorphicSplit {
    /** The transaction the statements run in when none is open: one snapshot, no writes. */
    private static final TxOptions SNAPSHOT = TxOptions.builder().name("listPolymorphic")
            .isolation(Isolation.REPEATABLE_READ).readOnly(true).build();
    /** Joins an external transaction only to read its isolation: no savepoint, so nothing is sent. */
    private static final TxOptions PEEK = TxOptions.builder().name("listPolymorphic").savepoint(false).build();

    private PolymorphicSplit() {
    }

    /**
     * Whether the query reads every row of its model with nothing that needs the joined statement: no filter (the
     * user's, a manager's, the soft-delete mark's, a single-table narrowing), no join, grouping, having, distinct,
     * slice, row lock, {@code asOf}, selectRelated, annotations or only/defer. Ordering and prefetchRelated are
     * fine (the parent's statement orders; prefetches run on the instances after).
     */
    static boolean applies(OrmRuntime orm, QuerySpec<?> q) {
        return SoftDeletes.where(orm, q) == Sql.noCondition() && q.joins().isEmpty() && q.groupBy().isEmpty()
                && q.having() == Sql.noCondition() && !q.distinct() && q.limit() < 0 && q.offset() == 0
                && q.forUpdate() == null && q.asOf() == null && !q.selfSubquery() && q.related().isEmpty()
                && q.annotations().isEmpty() && q.loading().equals(Loading.DEFAULT)
                && q.type().meta().primaryKeyIndex() >= 0;
    }

    /**
     * Runs {@code read} so that all its statements see one snapshot: in a read-only REPEATABLE READ transaction
     * when none is open (SQLite runs it as its one serializable level), in the open one when its isolation keeps
     * one snapshot across statements (REPEATABLE READ, SERIALIZABLE). Returns null, running nothing, when the open
     * transaction (Covet's or an external one) is READ COMMITTED: the caller then sends its one statement.
     */
    static <R> R inOneSnapshot(Database d, Supplier<R> read) {
        Isolation open = d.currentTransaction().map(Transaction::isolation).orElse(null);
        if (open == null && d.config().externalTransactions().map(e -> e.current() != null).orElse(false)) {
            open = d.atomic(PEEK, Transaction::isolation);
        }
        if (open == null) {
            // MariaDB (InnoDB) takes a REPEATABLE READ transaction's snapshot at its first read, which is the first
            // of these statements; PostgreSQL at its first statement; SQLite (WAL) at its first read.
            return d.atomic(SNAPSHOT, tx -> read.get());
        }
        return open == Isolation.READ_COMMITTED ? null : read.get();
    }

    /** An instance being assembled: its model (the deepest whose table has the key), and its snapshot. */
    private record Holder(ModelType<Entity> type, Entity instance, Object[] snapshot) {
    }

    /**
     * The query model's rows, each as the deepest of {@code children} (ordered deepest first, each with its tables
     * below the query model in {@code levels}) that has a row of it.
     */
    @SuppressWarnings("unchecked")
    static <T extends Entity> List<T> read(OrmRuntime orm, QuerySpec<T> q, Database d,
                                           List<ModelType<? extends T>> children,
                                           List<List<MultiTables.Part<Entity>>> levels) {
        Engine engine = d.engine();
        Map<Object, Holder> byKey = new HashMap<>();
        for (int k = 0; k < children.size(); k++) {
            ModelType<Entity> model = (ModelType<Entity>) children.get(k);
            List<MultiTables.Part<Entity>> own = levels.get(k);
            // each descendant model's own table once (every level under the query model is a registered
            // descendant); deeper models come first, so a key already held belongs to a model below this one,
            // whose instance takes this level's fields too
            MultiTables.Part<Entity> p = own.get(own.size() - 1);
            Table t = p.rows().table();
            List<Column<?>> columns = p.rows().columns(t);
            Sql.select(columns.toArray(SelectItem[]::new)).from(t).statement(d).list((ResultSet rs) -> {
                Object key = key(rs, 1);
                Holder h = byKey.get(key);
                if (h == null) {
                    h = new Holder(model, model.newInstance(), new Object[model.meta().fields().size()]);
                    byKey.put(key, h);
                }
                for (int i = p.from(); i < p.to(); i++) {
                    h.type().readField(rs, i - p.from() + 2, engine, h.instance(), i, h.snapshot());
                }
                return null;
            });
        }
        ModelType<T> type = q.type();
        List<Column<?>> parentColumns = type.columns(type.table());
        int n = parentColumns.size();
        int pkColumn = type.meta().primaryKeyIndex() + 1;
        Object api = orm.api();
        String db = orm.databaseName(q.database());
        Access access = Access.get();
        return QuerySql.select(orm, q, parentColumns, true).statement(d).list((ResultSet rs) -> {
            Holder h = byKey.isEmpty() ? null : byKey.get(key(rs, pkColumn));
            if (h == null) {
                Object[] snapshot = new Object[n];
                T o = type.read(rs, 1, engine, snapshot);
                access.attach(o, api, db, type, snapshot);
                type.bindRelations(o);
                return o;
            }
            for (int i = 0; i < n; i++) {
                h.type().readField(rs, 1 + i, engine, h.instance(), i, h.snapshot());
            }
            access.attach(h.instance(), api, db, h.type(), h.snapshot());
            h.type().bindRelations(h.instance());
            return (T) h.instance();
        });
    }

    /** A key as the hash map's key: whole numbers as {@code Long}, whatever width the driver gave them. */
    private static Object key(ResultSet rs, int column) throws SQLException {
        Object k = rs.getObject(column);
        return k instanceof Integer || k instanceof Short || k instanceof Byte ? ((Number) k).longValue() : k;
    }
}
