package io.covet.orm;

import io.covet.core.Database;
import io.covet.core.RowMapper;
import io.covet.sql.Assignment;
import io.covet.sql.Condition;
import io.covet.sql.Field;
import io.covet.sql.OrderField;
import io.covet.sql.Select;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A lazy, immutable, chainable query over one model: every method returns a new query set and nothing runs until
 * a terminal method ({@link #list()}, {@link #get}, {@link #count()}, {@link #update}, …). Conditions are covet-sql
 * {@link Condition}s over the generated metamodel ({@code Customer_.EMAIL.endsWith("@x.org")}), combined with
 * {@code and/or/not} (Q-style); a column on the right-hand side ({@code Line_.PRICE.gt(Line_.COST)}) is the F-style
 * field reference. Every statement is built with covet-sql and runs through {@link Database#sql}.
 *
 * <pre>{@code
 * List<Order> recent = orm.objects(Order_.TYPE)
 *         .filter(Order_.CUSTOMER, c -> c.country.eq("NO"))    // lookup across a relation (JOIN)
 *         .exclude(Order_.STATUS.eq(Status.CANCELLED))
 *         .selectRelated(Order_.CUSTOMER)                       // same query
 *         .prefetchRelated(Order_.LINES)                        // one more query
 *         .orderBy(Order_.PLACED_AT.desc())
 *         .limit(20)
 *         .list();
 * }</pre>
 *
 * @param <T> the model
 */
public final class QuerySet<T extends Entity> implements Iterable<T> {
    final Orm orm;
    final ModelType<T> type;
    final String db;
    final Condition where;
    final List<OrderField> order;
    final boolean distinct;
    final long limit;
    final long offset;
    final Joins joins;
    final List<Path<?, ?, ?>> related;
    final List<Path<?, ?, ?>> prefetch;
    final List<Annotation> annotations;
    final List<Field<?>> groupBy;
    final Condition having;
    /** Whether a filter is a subquery over this model's own table (MariaDB cannot UPDATE with one). */
    final boolean selfSubquery;
    final boolean forUpdate;

    record Annotation(String name, Field<?> expr) {
    }

    private QuerySet(Orm orm, ModelType<T> type, String db, Condition where, List<OrderField> order,
                     boolean distinct, long limit, long offset, Joins joins, List<Path<?, ?, ?>> related,
                     List<Path<?, ?, ?>> prefetch, List<Annotation> annotations, List<Field<?>> groupBy,
                     Condition having, boolean selfSubquery, boolean forUpdate) {
        this.orm = orm;
        this.type = type;
        this.db = db;
        this.where = where;
        this.order = order;
        this.distinct = distinct;
        this.limit = limit;
        this.offset = offset;
        this.joins = joins;
        this.related = related;
        this.prefetch = prefetch;
        this.annotations = annotations;
        this.groupBy = groupBy;
        this.having = having;
        this.selfSubquery = selfSubquery;
        this.forUpdate = forUpdate;
    }

    static <T extends Entity> QuerySet<T> all(Orm orm, ModelType<T> type) {
        return new QuerySet<>(orm, type, null, Sql.noCondition(), null, false, -1, 0, Joins.EMPTY, List.of(),
                List.of(), List.of(), List.of(), Sql.noCondition(), false, false);
    }

    private QuerySet<T> copy(String d, Condition w, List<OrderField> o, boolean dist, long lim, long off, Joins j,
                             List<Path<?, ?, ?>> rel, List<Path<?, ?, ?>> pre, List<Annotation> ann,
                             List<Field<?>> gb, Condition hav) {
        return new QuerySet<>(orm, type, d, w, o, dist, lim, off, j, rel, pre, ann, gb, hav, selfSubquery,
                forUpdate);
    }

    private QuerySet<T> markSubquery() {
        return new QuerySet<>(orm, type, db, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, true, forUpdate);
    }

    /**
     * Locks the rows read ({@code SELECT … FOR UPDATE}) until the surrounding transaction ends; use inside
     * {@code db.atomic(...)}. A locking read also sees rows committed after a MariaDB transaction's snapshot.
     * PostgreSQL and MariaDB; SQLite, whose writers are serialised anyway, refuses it with
     * {@link io.covet.core.error.UnsupportedFeature}.
     */
    @io.covet.sql.Supports({io.covet.core.dialect.Engine.POSTGRESQL, io.covet.core.dialect.Engine.MARIADB})
    public QuerySet<T> selectForUpdate() {
        return new QuerySet<>(orm, type, db, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, true);
    }

    private static <E> List<E> plus(List<E> list, E item) {
        List<E> out = new ArrayList<>(list);
        out.add(item);
        return List.copyOf(out);
    }

    // ---- chaining -------------------------------------------------------------------------------------------

    /** Rows matching the condition (ANDed with earlier filters). */
    public QuerySet<T> filter(Condition condition) {
        return copy(db, where.and(condition), order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having);
    }

    /**
     * Rows matching a condition on a related model. Forward paths (foreign keys, one-to-one) are joined; a
     * path through a reverse or many-to-many relation becomes {@code pk IN (subquery)}, so rows never repeat.
     */
    public <U extends Entity, R extends Table> QuerySet<T> filter(Path<T, U, R> path, Function<R, Condition> on) {
        Condition c = on.apply(path.table());
        if (path.allForward()) {
            return copy(db, where.and(c), order, distinct, limit, offset, joins.with(path, true), related,
                    prefetch, annotations, groupBy, having);
        }
        return filter(Relations.inSubquery(orm, type, path, c)).markSubquery();
    }

    /** Rows not matching the condition. Beware SQL NULL logic: a NULL column matches neither. */
    public QuerySet<T> exclude(Condition condition) {
        return filter(condition.not());
    }

    /** Rows not matching a condition on a related model. */
    public <U extends Entity, R extends Table> QuerySet<T> exclude(Path<T, U, R> path, Function<R, Condition> on) {
        return filter(Relations.inSubquery(orm, type, path, on.apply(path.table())).not()).markSubquery();
    }

    /** Joins a forward relation (INNER JOIN) so that its columns can be used in values, ordering or grouping. */
    public QuerySet<T> join(Path<T, ?, ?> path) {
        requireForward(path, "join");
        return copy(db, where, order, distinct, limit, offset, joins.with(path, true), related, prefetch,
                annotations, groupBy, having);
    }

    /** Replaces the ordering; without it the model's default ordering applies. */
    public QuerySet<T> orderBy(OrderField... fields) {
        return copy(db, where, List.of(fields), distinct, limit, offset, joins, related, prefetch, annotations,
                groupBy, having);
    }

    /** {@code SELECT DISTINCT}. */
    public QuerySet<T> distinct() {
        return copy(db, where, order, true, limit, offset, joins, related, prefetch, annotations, groupBy, having);
    }

    /** At most {@code n} rows. */
    public QuerySet<T> limit(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + n);
        }
        return copy(db, where, order, distinct, n, offset, joins, related, prefetch, annotations, groupBy, having);
    }

    /** Skips {@code n} rows. */
    public QuerySet<T> offset(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + n);
        }
        return copy(db, where, order, distinct, limit, n, joins, related, prefetch, annotations, groupBy, having);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), like Python's {@code qs[from:to]}. */
    public QuerySet<T> slice(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("slice needs 0 <= from <= to, was [" + from + ", " + to + ")");
        }
        return offset(from).limit(to - from);
    }

    /** Runs on the named database. */
    public QuerySet<T> using(String database) {
        return copy(database, where, order, distinct, limit, offset, joins, related, prefetch, annotations,
                groupBy, having);
    }

    /**
     * Loads forward relations (foreign keys, one-to-one, nested with {@link Path#then}) in the same query with
     * LEFT JOINs: {@code order.customer.get()} then needs no query.
     *
     * @throws OrmUsageException for a reverse or many-to-many path (use {@link #prefetchRelated})
     */
    @SafeVarargs
    public final QuerySet<T> selectRelated(Path<T, ?, ?>... paths) {
        List<Path<?, ?, ?>> rel = new ArrayList<>(related);
        Joins j = joins;
        for (Path<T, ?, ?> p : paths) {
            requireForward(p, "selectRelated");
            for (Path<?, ?, ?> prefix : Joins.prefixes(p)) {
                if (!rel.contains(prefix)) {
                    rel.add(prefix);
                }
            }
            j = j.with(p, false);
        }
        return copy(db, where, order, distinct, limit, offset, j, List.copyOf(rel), prefetch, annotations,
                groupBy, having);
    }

    /**
     * Loads relations of any kind (also reverse and many-to-many, nested) with one extra query per relation
     * after the main one: {@code Related.all()} and {@code Ref.get()} then need no query.
     */
    @SafeVarargs
    public final QuerySet<T> prefetchRelated(Path<T, ?, ?>... paths) {
        List<Path<?, ?, ?>> pre = new ArrayList<>(prefetch);
        for (Path<T, ?, ?> p : paths) {
            for (Path<?, ?, ?> prefix : Joins.prefixes(p)) {
                if (!pre.contains(prefix)) {
                    pre.add(prefix);
                }
            }
        }
        return copy(db, where, order, distinct, limit, offset, joins, related, List.copyOf(pre), annotations,
                groupBy, having);
    }

    /**
     * Adds a computed value to each instance, read with {@link Entity#annotation(String)}: an expression over this
     * model's columns or a window function ({@code Windows.rank().over(...)}). An aggregate groups by the
     * instance.
     */
    public QuerySet<T> annotate(String name, Field<?> expression) {
        return copy(db, where, order, distinct, limit, offset, joins, related, prefetch,
                plus(annotations, new Annotation(name, expression)), groupBy, having);
    }

    /**
     * Adds an aggregate over a related model to each instance, e.g.
     * {@code annotate("orders", Customer_.ORDERS, o -> Functions.count(o.id))}; the relation is LEFT JOINed and
     * the rows grouped by instance, so instances without related rows count 0.
     */
    public <U extends Entity, R extends Table> QuerySet<T> annotate(String name, Path<T, U, R> path,
                                                                     Function<R, Field<?>> aggregate) {
        return copy(db, where, order, distinct, limit, offset, joins.with(path, false), related, prefetch,
                plus(annotations, new Annotation(name, aggregate.apply(path.table()))), groupBy, having);
    }

    /** {@code GROUP BY fields} for {@link #values}: each distinct key gets one row with its aggregates. */
    public QuerySet<T> groupBy(Field<?>... fields) {
        return copy(db, where, order, distinct, limit, offset, joins, related, prefetch, annotations,
                List.of(fields), having);
    }

    /** {@code HAVING condition} over aggregates, with {@link #groupBy} or aggregate annotations. */
    public QuerySet<T> having(Condition condition) {
        return copy(db, where, order, distinct, limit, offset, joins, related, prefetch, annotations, groupBy,
                having.and(condition));
    }

    // ---- terminal operations -----------------------------------------------------------------------------------

    /** Runs the query (and one query per prefetched relation) and returns the instances. */
    public List<T> list() {
        Database d = database();
        EntityMapper<T> mapper = EntityMapper.of(this, d.engine());
        List<T> out = entitySelect(mapper).statement(d).list(mapper);
        if (!prefetch.isEmpty() && !out.isEmpty()) {
            Prefetcher.run(this, out);
        }
        return out;
    }

    /**
     * Iterates over the instances from a streaming cursor (Django's {@code iterator()}): rows are fetched in
     * batches of the database's {@code streamFetchSize}, so memory stays constant however many rows match. The
     * iterator holds a connection until it is exhausted or closed: close it when the loop may stop early (see
     * {@link CloseableIterator}). PostgreSQL streams inside a read transaction the iterator opens (or the
     * surrounding one), MariaDB with a streaming result set, SQLite from its cursor. With
     * {@link #prefetchRelated}, relations are loaded per chunk of 1,000 instances; outside a transaction those
     * queries use a second pooled connection while the cursor holds the first.
     *
     * @throws OrmUsageException with prefetchRelated outside a transaction when the pool has one connection
     *                           (e.g. {@code sqlite::memory:}), which would otherwise wait for itself
     */
    @Override
    public CloseableIterator<T> iterator() {
        return QueryIterator.open(this);
    }

    /**
     * Runs {@code action} on each instance, streaming like {@link #iterator()}; the cursor is closed however the
     * loop ends, also when {@code action} throws.
     */
    @Override
    public void forEach(Consumer<? super T> action) {
        try (CloseableIterator<T> it = iterator()) {
            while (it.hasNext()) {
                action.accept(it.next());
            }
        }
    }

    /**
     * Streams the instances without loading them all; the stream holds a connection until closed (use
     * try-with-resources).
     *
     * @throws OrmUsageException with prefetchRelated, which needs every row first (use {@link #iterator()},
     *                           which prefetches per chunk)
     */
    public Stream<T> stream() {
        if (!prefetch.isEmpty()) {
            throw new OrmUsageException("stream() cannot prefetch relations: use iterator() (prefetches per "
                    + "chunk) or list(), or selectRelated(...) for foreign keys");
        }
        return streamRows();
    }

    /** The streaming cursor of the main query, without prefetching. */
    Stream<T> streamRows() {
        Database d = database();
        EntityMapper<T> mapper = EntityMapper.of(this, d.engine());
        return entitySelect(mapper).statement(d).stream(mapper);
    }

    /**
     * The only instance matching the query.
     *
     * @throws DoesNotExist            when none matches
     * @throws MultipleObjectsReturned when more than one matches
     */
    public T get() {
        List<T> found = (order == null ? orderBy() : this).limit(2).list();
        if (found.isEmpty()) {
            throw new DoesNotExist(type.meta().simpleName() + " matching query does not exist" + describe());
        }
        if (found.size() > 1) {
            throw new MultipleObjectsReturned("get() returned more than one " + type.meta().simpleName()
                    + describe() + ": add conditions or use first()");
        }
        return found.get(0);
    }

    /** The only instance matching the condition; see {@link #get()}. */
    public T get(Condition condition) {
        return filter(condition).get();
    }

    /**
     * The instance with this primary key; see {@link #get()}.
     *
     * @throws OrmUsageException for a model with a composite primary key: use {@link #get(Condition)} with a
     *                           condition on every key field
     */
    public T get(Object primaryKey) {
        Keys.requireSingle(type.meta(), "get(primaryKey)", "get(Condition) with a condition on each key field");
        if (plain()) {
            // The hot path of lookups by key and lazy loads: the statement shape is rendered once per model,
            // database and dialect, then only the key changes.
            Database d = database();
            KeyLookup<T> plan = orm.keyLookup(this, d);
            if (plan != null) {
                List<T> found = d.sql(plan.sql(), primaryKey).list(plan.mapper());
                if (found.size() == 1) {
                    return found.get(0);
                }
                if (found.isEmpty()) {
                    throw new DoesNotExist(type.meta().simpleName() + " matching query does not exist" + describe());
                }
            }
        }
        return filter(Relations.eq(pkColumn(type.table()), primaryKey)).get();
    }

    private boolean plain() {
        return !forUpdate && joins.isEmpty() && related.isEmpty() && prefetch.isEmpty() && annotations.isEmpty()
                && groupBy.isEmpty() && !distinct && limit < 0 && offset == 0 && where.equals(Sql.noCondition())
                && having.equals(Sql.noCondition());
    }

    /** A rendered key lookup: {@code SELECT … WHERE pk = ?} and its mapper. */
    record KeyLookup<T extends Entity>(String sql, RowMapper<T> mapper) {
    }

    KeyLookup<T> renderKeyLookup(Database d, Object sampleKey) {
        return QueryReads.renderKeyLookup(this, d, sampleKey);
    }

    /** The first instance in the ordering (by primary key when unordered), if any. */
    public Optional<T> first() {
        QuerySet<T> q = order == null && type.meta().ordering().isEmpty()
                ? orderBy(pkColumns(type.table()).toArray(OrderField[]::new)) : this;
        List<T> l = q.limit(1).list();
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The last instance in the ordering (by primary key when unordered), if any. */
    public Optional<T> last() {
        List<OrderField> o = effectiveOrder();
        if (o.isEmpty()) {
            o = List.copyOf(pkColumns(type.table()));
        }
        List<OrderField> reversed = new ArrayList<>();
        for (OrderField f : o) {
            reversed.add(Relations.reverse(f));
        }
        return orderBy(reversed.toArray(OrderField[]::new)).first();
    }

    /** Whether any row matches (reads at most one key). */
    public boolean exists() {
        return QueryReads.exists(this);
    }

    /** The number of matching rows. */
    public long count() {
        if (type.meta().compositePrimaryKey() && (distinct || limit >= 0 || offset > 0)) {
            return Keys.count(this);
        }
        return QueryReads.count(this);
    }

    /**
     * The rows as maps from column label to value, typed by each field's Java type. With {@link #groupBy},
     * one row per group; aggregates go in {@code fields} (alias them with {@code .as("name")}).
     */
    public List<Map<String, Object>> values(Field<?>... fields) {
        return QueryReads.values(this, List.of(fields));
    }

    /** The rows as lists of values, in field order. */
    public List<List<Object>> valuesList(Field<?>... fields) {
        return QueryReads.valuesList(this, List.of(fields));
    }

    /** One field's values ({@code values_list(flat=True)}). */
    public <V> List<V> valuesFlat(Field<V> field) {
        return QueryReads.valuesFlat(this, field);
    }

    /**
     * One aggregate over the matching rows, e.g. {@code aggregate(Functions.sum(Line_.QUANTITY))}; null over no
     * rows except for COUNT.
     */
    public <V> V aggregate(Field<V> aggregate) {
        return QueryReads.aggregate(this, aggregate);
    }

    /**
     * The instances with these primary keys, by key; missing keys are absent.
     *
     * @throws OrmUsageException for a model with a composite primary key: filter on the key fields and use
     *                           {@link #list()}
     */
    public Map<Object, T> inBulk(Collection<?> primaryKeys) {
        Keys.requireSingle(type.meta(), "inBulk", "filter(...) on the key fields and list()");
        Map<Object, T> out = new LinkedHashMap<>();
        if (primaryKeys.isEmpty()) {
            return out;
        }
        int pk = type.meta().primaryKeyIndex();
        for (T t : filter(Relations.in(pkColumn(type.table()), primaryKeys)).list()) {
            out.put(type.get(t, pk), t);
        }
        return out;
    }

    /**
     * Updates every matching row in one statement; no instance signals are sent (no instance is loaded).
     *
     * @return the number of rows changed
     */
    public int update(Assignment... assignments) {
        return QueryWrites.update(this, assignments);
    }

    /**
     * Deletes every matching row, applying {@link OnDelete} rules and sending delete signals per row (the rows
     * are loaded first, as Django does), in one transaction.
     *
     * @return the number of rows deleted, cascades included
     */
    public int delete() {
        Database d = database();
        return d.atomic(tx -> {
            List<T> rows = list();
            return rows.isEmpty() ? 0 : orm.writer().delete(new ArrayList<>(rows), orm.databaseName(db));
        });
    }

    /**
     * The instance matching {@code lookup}, or a new one from {@code create} (saved), in one transaction; a
     * concurrent insert of the same unique key is read back instead of failing.
     */
    public GetOrCreate<T> getOrCreate(Condition lookup, Supplier<T> create) {
        return QueryWrites.getOrCreate(this, lookup, create);
    }

    /** The instance matching {@code lookup} updated by {@code update} and saved, or a new one from {@code create}. */
    public GetOrCreate<T> updateOrCreate(Condition lookup, Consumer<T> update, Supplier<T> create) {
        return QueryWrites.updateOrCreate(this, lookup, update, create);
    }

    /**
     * Inserts many new instances with multi-row INSERT … RETURNING (chunks of 500) and sets their keys; sends
     * save signals per instance; does not run {@code fullClean}.
     */
    public List<T> bulkCreate(List<T> instances) {
        orm.writer().bulkCreate(type, instances, orm.databaseName(db), true);
        return instances;
    }

    /**
     * {@link #bulkCreate(List)} without reading keys back: PostgreSQL loads with {@code COPY}
     * ({@link Database#bulkLoad}), the others with multi-row INSERTs. The instances stay unsaved (no keys), and
     * no signals are sent.
     *
     * @return the number of rows loaded
     */
    public long bulkLoad(List<T> instances) {
        return orm.writer().bulkCreate(type, instances, orm.databaseName(db), false);
    }

    /** Writes the named fields of saved instances, one batched UPDATE per instance, with save signals. */
    public int bulkUpdate(List<T> instances, String... fields) {
        return orm.writer().bulkUpdate(type, instances, List.of(fields), orm.databaseName(db));
    }

    // ---- SQL assembly ------------------------------------------------------------------------------------------

    Database database() {
        return orm.database(db);
    }

    /**
     * The primary-key column in {@code t}; for a composite key its first column, which is enough to test that a
     * row exists but not to tell rows apart (use {@link #pkColumns}).
     */
    io.covet.sql.Column<?> pkColumn(Table t) {
        int pk = type.meta().primaryKeyIndex();
        return type.columns(t).get(pk >= 0 ? pk : type.meta().primaryKeyIndexes()[0]);
    }

    /** The primary-key columns in {@code t}, in key order. */
    List<io.covet.sql.Column<?>> pkColumns(Table t) {
        return Keys.columns(type, t);
    }

    private String describe() {
        return " (table " + type.meta().table() + ")";
    }

    List<OrderField> effectiveOrder() {
        return QuerySql.effectiveOrder(this);
    }

    private Select entitySelect(EntityMapper<T> mapper) {
        return base(mapper.items(), true);
    }

    /** The select of {@code items} with joins, filters and grouping; ordering and slicing when asked. */
    Select base(List<? extends SelectItem> items, boolean orderAndSlice) {
        return QuerySql.select(this, items, orderAndSlice);
    }

    /** DISTINCT values ignore the default ordering, whose columns would otherwise have to be selected too. */
    Select valuesBase(List<? extends SelectItem> items) {
        return (distinct && order == null ? orderBy() : this).base(items, true);
    }

    private static void requireForward(Path<?, ?, ?> p, String what) {
        if (!p.allForward()) {
            throw new OrmUsageException(what + "(" + p.name() + ") needs foreign-key or one-to-one steps only: "
                    + "use prefetchRelated(...) for reverse and many-to-many relations");
        }
    }

    /** The result of {@link #getOrCreate} and {@link #updateOrCreate}. */
    public record GetOrCreate<T>(T instance, boolean created) {
    }
}
