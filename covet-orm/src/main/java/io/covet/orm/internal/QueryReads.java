package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.CloseableIterator;
import io.covet.orm.DoesNotExist;
import io.covet.orm.Entity;
import io.covet.orm.MultipleObjectsReturned;
import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.Jdbc;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Field;
import io.covet.sql.Functions;
import io.covet.sql.OrderField;
import io.covet.sql.RenderedSql;
import io.covet.sql.Select;
import io.covet.sql.Sql;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The reads of a query: instances, single instances, counts, values and aggregates. Not an API. */
public final class QueryReads {
    private QueryReads() {
    }

    /** The instances, then one query per prefetched relation. */
    public static <T extends Entity> List<T> list(OrmRuntime orm, QuerySpec<T> q) {
        Database d = orm.database(q.database());
        EntityMapper<T> mapper = EntityMapper.of(orm, q, d.engine());
        List<T> out = q.asOf() == null ? null : listAsOf(orm, q, d, mapper);
        if (out == null) {
            out = QuerySql.select(orm, q, mapper.items(), true).statement(d).list(mapper);
        }
        if (!q.prefetch().isEmpty() && !out.isEmpty()) {
            Prefetcher.run(orm, q.prefetch(), out, q.asOf());
        }
        return out;
    }

    /**
     * An {@code asOf} list in one statement: the root's began/prune check is read with the rows (two constant
     * columns) and verified on the first; only an empty result sends the check on its own. Null when the check
     * cannot be folded (then the caller runs the check and the query as two statements).
     */
    private static <T extends Entity> List<T> listAsOf(OrmRuntime orm, QuerySpec<T> q, Database d,
                                                       EntityMapper<T> mapper) {
        if (!q.annotations().isEmpty() || !q.groupBy().isEmpty()) {
            return null; // constant columns beside aggregates and GROUP BY: not worth the engines' differences
        }
        List<io.covet.sql.SelectItem> check = AsOf.foldedCheck(orm, q);
        if (check == null) {
            return null;
        }
        List<io.covet.sql.SelectItem> items = new java.util.ArrayList<>(mapper.items());
        items.addAll(check);
        String[][] first = {null};
        List<T> out = QuerySql.select(orm, q, items, true, false).statement(d).list(rs -> {
            if (first[0] == null) {
                first[0] = new String[]{rs.getString(AsOf.FIRST_LABEL), rs.getString(AsOf.PRUNED_LABEL)};
            }
            return mapper.map(rs);
        });
        if (first[0] == null) {
            AsOf.check(orm, q); // no row: the instant may still be one the history cannot answer
        } else {
            AsOf.verifyFolded(q, first[0][0], first[0][1]);
        }
        return out;
    }

    /**
     * The instances as a stream holding a connection until closed.
     *
     * @throws OrmUsageException with prefetchRelated, which needs every row first
     */
    public static <T extends Entity> Stream<T> stream(OrmRuntime orm, QuerySpec<T> q) {
        if (!q.prefetch().isEmpty()) {
            throw new OrmUsageException("stream() cannot prefetch relations: use iterator() (prefetches per "
                    + "chunk) or list(), or selectRelated(...) for foreign keys");
        }
        return streamRows(orm, q);
    }

    /** The streaming cursor of the main query, without prefetching. */
    static <T extends Entity> Stream<T> streamRows(OrmRuntime orm, QuerySpec<T> q) {
        Database d = orm.database(q.database());
        EntityMapper<T> mapper = EntityMapper.of(orm, q, d.engine());
        return QuerySql.select(orm, q, mapper.items(), true).statement(d).stream(mapper);
    }

    /** The instances from a streaming cursor, prefetching per chunk; see {@link QueryIterator}. */
    public static <T extends Entity> CloseableIterator<T> iterator(OrmRuntime orm, QuerySpec<T> q) {
        return QueryIterator.open(orm, q);
    }

    /**
     * The only instance matching.
     *
     * @throws DoesNotExist            when none matches
     * @throws MultipleObjectsReturned when more than one matches
     */
    public static <T extends Entity> T get(OrmRuntime orm, QuerySpec<T> q) {
        List<T> found = list(orm, (q.order() == null ? q.withOrder(List.of()) : q).withLimit(2));
        if (found.isEmpty()) {
            throw new DoesNotExist(q.type().meta().simpleName() + " matching query does not exist" + describe(q));
        }
        if (found.size() > 1) {
            throw new MultipleObjectsReturned("get() returned more than one " + q.type().meta().simpleName()
                    + describe(q) + ": add conditions or use first()");
        }
        return found.get(0);
    }

    /**
     * The instance with this primary key.
     *
     * @throws OrmUsageException       for a model with a composite primary key
     * @throws DoesNotExist            when none matches
     * @throws MultipleObjectsReturned when more than one matches
     */
    public static <T extends Entity> T get(OrmRuntime orm, QuerySpec<T> q, Object primaryKey) {
        ModelType<T> type = q.type();
        Keys.requireSingle(type.meta(), "get(primaryKey)", "get(Condition) with a condition on each key field");
        if (q.plain()) {
            // The hot path of lookups by key and lazy loads: the statement shape is rendered once per model,
            // database and dialect, then only the key changes.
            Database d = orm.database(q.database());
            KeyLookup<T> plan = orm.keyLookup(q, d);
            if (plan != null) {
                List<T> found = d.sql(plan.sql(), primaryKey).tables(plan.tables()).list(plan.mapper());
                if (found.size() == 1) {
                    return found.get(0);
                }
                if (found.isEmpty()) {
                    throw new DoesNotExist(type.meta().simpleName() + " matching query does not exist"
                            + describe(q));
                }
            }
        }
        return get(orm, q.and(Relations.eq(Keys.column(type, type.table()), primaryKey)));
    }

    /** The first instance in the ordering (by primary key when unordered), if any. */
    public static <T extends Entity> Optional<T> first(OrmRuntime orm, QuerySpec<T> q) {
        QuerySpec<T> s = q.order() == null && q.type().meta().ordering().isEmpty()
                ? q.withOrder(List.copyOf(Keys.columns(q.type(), q.type().table()))) : q;
        List<T> l = list(orm, s.withLimit(1));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The last instance in the ordering (by primary key when unordered), if any. */
    public static <T extends Entity> Optional<T> last(OrmRuntime orm, QuerySpec<T> q) {
        List<OrderField> o = QuerySql.effectiveOrder(q);
        if (o.isEmpty()) {
            o = List.copyOf(Keys.columns(q.type(), q.type().table()));
        }
        List<OrderField> reversed = new ArrayList<>();
        for (OrderField f : o) {
            reversed.add(Relations.reverse(f));
        }
        return first(orm, q.withOrder(reversed));
    }

    /** Whether any row matches (reads at most one key). */
    public static boolean exists(OrmRuntime orm, QuerySpec<?> q) {
        Select s = QuerySql.select(orm, q, List.of(Keys.column(q.type(), q.type().table())), true).limit(1);
        return !s.statement(orm.database(q.database())).list(rs -> Boolean.TRUE).isEmpty();
    }

    /** The number of matching rows. */
    public static long count(OrmRuntime orm, QuerySpec<?> q) {
        boolean sliced = q.distinct() || q.limit() >= 0 || q.offset() > 0;
        if (q.type().meta().compositePrimaryKey() && sliced) {
            return Keys.count(orm, q);
        }
        Database d = orm.database(q.database());
        if (sliced) {
            Select inner = QuerySql.select(orm, q, List.of(Keys.column(q.type(), q.type().table())), true);
            return Sql.select(Functions.count()).from(inner.asTable("counted")).statement(d)
                    .list(rs -> rs.getLong(1)).get(0);
        }
        return QuerySql.select(orm, q, List.of(Functions.count()), false).statement(d)
                .list(rs -> rs.getLong(1)).get(0);
    }

    /** The rows as maps from column label to value, typed by each field's Java type. */
    public static List<Map<String, Object>> values(OrmRuntime orm, QuerySpec<?> q, List<Field<?>> fs) {
        Database d = orm.database(q.database());
        return QuerySql.valuesSelect(orm, q, fs).statement(d).list(rs -> {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < fs.size(); i++) {
                row.put(md.getColumnLabel(i + 1), Jdbc.read(rs, i + 1, fs.get(i).type(), d.engine()));
            }
            return row;
        });
    }

    /** The rows as lists of values, in field order. */
    public static List<List<Object>> valuesList(OrmRuntime orm, QuerySpec<?> q, List<Field<?>> fs) {
        Database d = orm.database(q.database());
        return QuerySql.valuesSelect(orm, q, fs).statement(d).list(rs -> {
            List<Object> row = new ArrayList<>(fs.size());
            for (int i = 0; i < fs.size(); i++) {
                row.add(Jdbc.read(rs, i + 1, fs.get(i).type(), d.engine()));
            }
            return row;
        });
    }

    /** One field's values. */
    @SuppressWarnings("unchecked")
    public static <V> List<V> valuesFlat(OrmRuntime orm, QuerySpec<?> q, Field<V> field) {
        Database d = orm.database(q.database());
        return QuerySql.valuesSelect(orm, q, List.of(field)).statement(d)
                .list(rs -> (V) Jdbc.read(rs, 1, field.type(), d.engine()));
    }

    /** One aggregate over the matching rows. */
    @SuppressWarnings("unchecked")
    public static <V> V aggregate(OrmRuntime orm, QuerySpec<?> q, Field<V> aggregate) {
        Database d = orm.database(q.database());
        return QuerySql.select(orm, q, List.of(aggregate), false).statement(d)
                .list(rs -> (V) Jdbc.read(rs, 1, aggregate.type(), d.engine())).get(0);
    }

    /**
     * The instances with these primary keys, by key.
     *
     * @throws OrmUsageException for a model with a composite primary key
     */
    public static <T extends Entity> Map<Object, T> inBulk(OrmRuntime orm, QuerySpec<T> q,
                                                           Collection<?> primaryKeys) {
        ModelType<T> type = q.type();
        Keys.requireSingle(type.meta(), "inBulk", "filter(...) on the key fields and list()");
        Map<Object, T> out = new LinkedHashMap<>();
        if (primaryKeys.isEmpty()) {
            return out;
        }
        int pk = type.meta().primaryKeyIndex();
        for (T t : list(orm, q.and(Relations.in(Keys.column(type, type.table()), primaryKeys)))) {
            out.put(type.get(t, pk), t);
        }
        return out;
    }

    /**
     * Renders the key lookup of a plain query, or null when its only parameter is not the key. No LIMIT: an
     * equality on the primary key matches at most one row, and a bound LIMIT costs SQLite a third of the lookup.
     */
    static <T extends Entity> KeyLookup<T> renderKeyLookup(OrmRuntime orm, QuerySpec<T> qs, Database d,
                                                           Object sampleKey) {
        io.covet.sql.Column<?> pk = Keys.column(qs.type(), qs.type().table());
        // unqualified like the select list (QuerySpec.alone): the lookup reads one table
        QuerySpec<T> q = qs.and(Relations.eq(Sql.field(pk.name(), pk.type()), sampleKey)).withOrder(List.of());
        EntityMapper<T> mapper = EntityMapper.of(orm, q, d.engine());
        RenderedSql r = QuerySql.select(orm, q, mapper.items(), true).render(d.dialect());
        if (!r.params().equals(List.of(sampleKey))) {
            return null;
        }
        return new KeyLookup<>(r.sql(), mapper, r.tables());
    }

    private static String describe(QuerySpec<?> q) {
        return " (table " + q.type().meta().table() + ")";
    }
}
