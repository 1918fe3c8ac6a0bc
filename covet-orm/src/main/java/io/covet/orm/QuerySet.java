package io.covet.orm;

import io.covet.core.Database;
import io.covet.orm.internal.Joins;
import io.covet.orm.internal.OrmRuntime;
import io.covet.orm.internal.Paths;
import io.covet.orm.internal.QueryReads;
import io.covet.orm.internal.QuerySpec;
import io.covet.orm.internal.QueryWrites;
import io.covet.orm.internal.Relations;
import io.covet.sql.Assignment;
import io.covet.sql.Condition;
import io.covet.sql.Field;
import io.covet.sql.OrderField;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.Collection;
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
 * <p>The query set is a facade over an immutable {@code QuerySpec}: chaining methods return a query set over a
 * changed spec, terminal methods hand the spec to the ORM's internals.
 *
 * @param <T> the model
 */
public final class QuerySet<T extends Entity> implements Iterable<T> {
    private final Orm orm;
    private final QuerySpec<T> spec;
    /** Where reads go on a database with replicas: 0 as routed, 1 the primary, 2 replicas. */
    private final byte route;
    /** {@link Prefetch} lookups run after the instances are read (see {@link #prefetchRelated(Prefetch[])}). */
    private final List<io.covet.orm.internal.CustomPrefetches.Lookup> custom;

    QuerySet(Orm orm, QuerySpec<T> spec) {
        this(orm, spec, (byte) 0, List.of());
    }

    private QuerySet(Orm orm, QuerySpec<T> spec, byte route, List<io.covet.orm.internal.CustomPrefetches.Lookup> custom) {
        this.orm = orm;
        this.spec = spec;
        this.route = route;
        this.custom = custom;
    }

    private QuerySet<T> with(QuerySpec<T> next) {
        return new QuerySet<>(orm, next, route, custom);
    }

    QuerySpec<T> spec() {
        return spec;
    }

    /** Runs the {@link Prefetch} lookups over instances just read. */
    private <C extends Collection<T>> C prefetchCustom(C instances) {
        if (!custom.isEmpty() && !instances.isEmpty()) {
            routed(() -> {
                io.covet.orm.internal.CustomPrefetches.run(runtime(), custom, List.copyOf(instances), spec.asOf());
                return null;
            });
        }
        return instances;
    }

    private void refuseCustom(String what) {
        if (!custom.isEmpty()) {
            throw new OrmUsageException(what + "() cannot run Prefetch lookups, which need every row first: use "
                    + "list(), or prefetchRelated(path) without a query set");
        }
    }

    private <R> R routed(java.util.function.Supplier<R> read) {
        return route == 0 ? read.get() : route == 1 ? io.covet.core.replica.Reads.onPrimary(read)
                : io.covet.core.replica.Reads.onReplica(read);
    }

    private OrmRuntime runtime() {
        return orm.runtime();
    }

    /**
     * Locks the rows read ({@code SELECT … FOR UPDATE}) until the surrounding transaction ends; use inside
     * {@code db.atomic(...)}. A locking read also sees rows committed after a MariaDB transaction's snapshot.
     * PostgreSQL and MariaDB; SQLite, whose writers are serialised anyway, refuses it with
     * {@link io.covet.core.error.UnsupportedFeature}.
     */
    @io.covet.sql.Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.MARIADB})
    public QuerySet<T> selectForUpdate() {
        return with(spec.withForUpdate(true));
    }

    /**
     * {@link #selectForUpdate()} with Django's options: {@code selectForUpdate(ForUpdate.skipLocked())},
     * {@code ForUpdate.noWait()}, {@code ForUpdate.waiting().ofSelf().of(Order_.CUSTOMER)}. Refused with
     * {@link io.covet.core.error.UnsupportedFeature} when the query runs on an engine lacking an option (see
     * {@link ForUpdate}); an {@code of} path the query does not join is an {@link OrmUsageException}.
     */
    @io.covet.sql.Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.MARIADB})
    public QuerySet<T> selectForUpdate(ForUpdate options) {
        return with(spec.withLock(options.toRowLock()));
    }

    // ---- chaining -------------------------------------------------------------------------------------------

    /** Rows matching the condition (ANDed with earlier filters). */
    public QuerySet<T> filter(Condition condition) {
        return with(spec.and(condition));
    }

    /**
     * Rows matching a condition on a related model. Forward paths (foreign keys, one-to-one) are joined; a
     * path through a reverse or many-to-many relation becomes {@code pk IN (subquery)}, so rows never repeat.
     */
    public <U extends Entity, R extends Table> QuerySet<T> filter(Path<T, U, R> path, Function<R, Condition> on) {
        Condition c = on.apply(path.table());
        if (Paths.allForward(path)) {
            return with(spec.and(c).withJoins(spec.joins().with(path, true)));
        }
        return with(subqueryFilter(Relations.inSubquery(runtime(), spec, path, c)));
    }

    /** {@code spec} and the subquery filter {@code c}, which {@code Relations.inSubquery} built as of its instant. */
    private QuerySpec<T> subqueryFilter(Condition c) {
        QuerySpec<T> s = spec.and(c);
        if (spec.asOf() != null && !spec.selfSubquery()) {
            s = s.withSubqueriesAsOf(spec.asOf()); // every subquery so far reads the history at that instant
        }
        return s.withSelfSubquery(true);
    }

    /** Rows not matching the condition. Beware SQL NULL logic: a NULL column matches neither. */
    public QuerySet<T> exclude(Condition condition) {
        return filter(condition.not());
    }

    /** Rows not matching a condition on a related model. */
    public <U extends Entity, R extends Table> QuerySet<T> exclude(Path<T, U, R> path, Function<R, Condition> on) {
        return with(subqueryFilter(Relations.inSubquery(runtime(), spec, path, on.apply(path.table())).not()));
    }

    /** Joins a forward relation (INNER JOIN) so that its columns can be used in values, ordering or grouping. */
    public QuerySet<T> join(Path<T, ?, ?> path) {
        requireForward(path, "join");
        return with(spec.withJoins(spec.joins().with(path, true)));
    }

    /** Replaces the ordering; without it the model's default ordering applies. */
    public QuerySet<T> orderBy(OrderField... fields) {
        return with(spec.withOrder(List.of(fields)));
    }

    /**
     * The same rows in the opposite order (Django's {@code reverse()}): the ordering asked for, else the model's
     * default ordering, else the primary key, each field reversed.
     */
    public QuerySet<T> reverse() {
        return with(io.covet.orm.internal.QueryExtras.reversed(spec));
    }

    /**
     * No rows (Django's {@code none()}): a query set that matches nothing, for code that must return a query set.
     * Unlike Django's, its terminal methods still run a (cheap) statement.
     */
    public QuerySet<T> none() {
        return filter(io.covet.sql.Sql.falseCondition());
    }

    /** {@code SELECT DISTINCT}. */
    public QuerySet<T> distinct() {
        return with(spec.withDistinct(true));
    }

    /** At most {@code n} rows. */
    public QuerySet<T> limit(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + n);
        }
        return with(spec.withLimit(n));
    }

    /** Skips {@code n} rows. */
    public QuerySet<T> offset(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + n);
        }
        return with(spec.withOffset(n));
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
        return with(spec.withDatabase(database));
    }

    /**
     * Reads on the primary even where the database would send them to a replica (see {@code docs/replicas.md});
     * no effect on a database without replicas.
     */
    public QuerySet<T> onPrimary() {
        return new QuerySet<>(orm, spec, (byte) 1, custom);
    }

    /**
     * Reads on replicas even where the database's {@link io.covet.core.replica.Router} would choose the primary
     * (Django's {@code using("replica")}); inside a transaction, and for locking reads, the primary is still used.
     */
    public QuerySet<T> onReplica() {
        return new QuerySet<>(orm, spec, (byte) 2, custom);
    }

    /**
     * Loads forward relations (foreign keys, one-to-one, nested with {@link Path#then}) in the same query with
     * LEFT JOINs: {@code order.customer.get()} then needs no query.
     *
     * @throws OrmUsageException for a reverse or many-to-many path (use {@link #prefetchRelated})
     */
    @SafeVarargs
    public final QuerySet<T> selectRelated(Path<T, ?, ?>... paths) {
        List<Path<?, ?, ?>> rel = new ArrayList<>(spec.related());
        Joins j = spec.joins();
        for (Path<T, ?, ?> p : paths) {
            requireForward(p, "selectRelated");
            for (Path<?, ?, ?> prefix : Paths.prefixes(p)) {
                if (!rel.contains(prefix)) {
                    rel.add(prefix);
                }
            }
            j = j.with(p, false);
        }
        return with(spec.withJoins(j).withRelated(rel));
    }

    /**
     * Loads only these fields (Django's {@code only()}): of each table named, the primary key and the columns
     * given; the rest of that table's fields are deferred (see {@link #defer}). Columns are the model's
     * ({@code Order_.TOTAL}) or a related model's through its path's table, read with {@link #selectRelated}
     * ({@code Order_.CUSTOMER.table().email}); a table not named loads as usual. A later {@code only} replaces this
     * one; {@code defer} still applies. Foreign keys that {@code selectRelated}/{@code prefetchRelated} follow are
     * loaded anyway.
     *
     * @throws OrmUsageException for no column, or a column of no model this query can read
     */
    public QuerySet<T> only(io.covet.sql.Column<?>... fields) {
        io.covet.orm.internal.Deferral.check(runtime(), spec.type(), List.of(fields), "only");
        return with(spec.withLoading(spec.loading().withOnly(List.of(fields))));
    }

    /**
     * Leaves these fields out of the rows (Django's {@code defer()}): the instances hold null (a primitive its
     * constructor value) in them, {@link Entity#deferredFields()} names them, a getter calling
     * {@link Entity#ensureLoaded} or {@link Orm#loadDeferred} loads them all with one query, and {@code save}
     * writes only loaded or set fields, never the deferred columns. Adds to earlier {@code defer} calls.
     *
     * @throws OrmUsageException for no column, a column of no model this query can read, or a primary key
     */
    public QuerySet<T> defer(io.covet.sql.Column<?>... fields) {
        io.covet.orm.internal.Deferral.check(runtime(), spec.type(), List.of(fields), "defer");
        return with(spec.withLoading(spec.loading().plusDeferred(List.of(fields))));
    }

    /**
     * {@link #only(io.covet.sql.Column[])} by field names, Django style: {@code only("total", "customer__email")}.
     * A name is a field of this query's model, or foreign-key/one-to-one fields joined by {@code __} and then a field
     * of the model they reach (read with {@link #selectRelated} of that path, as for the typed form).
     *
     * @throws OrmUsageException before any query, for a name that is no field (naming the model and its fields)
     */
    public QuerySet<T> only(String field, String... more) {
        return only(io.covet.orm.internal.FieldNames.resolve(runtime(), spec.type(), names(field, more), "only")
                .toArray(io.covet.sql.Column<?>[]::new));
    }

    /**
     * {@link #defer(io.covet.sql.Column[])} by field names, Django style: {@code defer("note", "customer__name")}
     * (the names as for {@link #only(String, String...)}).
     *
     * @throws OrmUsageException before any query, for a name that is no field (naming the model and its fields)
     */
    public QuerySet<T> defer(String field, String... more) {
        return defer(io.covet.orm.internal.FieldNames.resolve(runtime(), spec.type(), names(field, more), "defer")
                .toArray(io.covet.sql.Column<?>[]::new));
    }

    private static List<String> names(String field, String... more) {
        List<String> all = new ArrayList<>();
        all.add(field);
        all.addAll(java.util.Arrays.asList(more));
        return all;
    }

    /**
     * Loads every field (Django's {@code defer(None)}): forgets {@code only} and {@code defer} so far, and loads
     * the models' {@link Column#deferred()} fields too.
     */
    public QuerySet<T> deferNone() {
        return with(spec.withLoading(io.covet.orm.internal.Loading.everything()));
    }

    /**
     * Loads relations of any kind (also reverse and many-to-many, nested) with one extra query per relation
     * after the main one: {@code Related.all()} and {@code Ref.get()} then need no query.
     */
    @SafeVarargs
    public final QuerySet<T> prefetchRelated(Path<T, ?, ?>... paths) {
        List<Path<?, ?, ?>> pre = new ArrayList<>(spec.prefetch());
        for (Path<T, ?, ?> p : paths) {
            for (Path<?, ?, ?> prefix : Paths.prefixes(p)) {
                if (!pre.contains(prefix)) {
                    pre.add(prefix);
                }
            }
        }
        return with(spec.withPrefetch(pre));
    }

    /**
     * Prefetches relations from query sets of your own (Django's {@code Prefetch(path, queryset, to_attr)}): one
     * more query per lookup after the main one, for {@link #list()}, {@code get}, {@link #first()}, {@link #last()}
     * and {@link #inBulk}; {@link #iterator()} and {@link #stream()} refuse them. See {@link Prefetch}.
     */
    @SafeVarargs
    public final QuerySet<T> prefetchRelated(Prefetch<T, ?>... lookups) {
        List<io.covet.orm.internal.CustomPrefetches.Lookup> all = new ArrayList<>(custom);
        for (Prefetch<T, ?> p : lookups) {
            all.add(p.lookup());
        }
        return new QuerySet<>(orm, spec, route, List.copyOf(all));
    }

    /**
     * Adds a computed value to each instance, read with {@link Entity#annotation(String)}: an expression over this
     * model's columns or a window function ({@code Windows.rank().over(...)}). An aggregate groups by the
     * instance.
     */
    public QuerySet<T> annotate(String name, Field<?> expression) {
        return with(spec.plusAnnotation(new QuerySpec.Annotation(name, expression)));
    }

    /**
     * Adds an aggregate over a related model to each instance, e.g.
     * {@code annotate("orders", Customer_.ORDERS, o -> Functions.count(o.id))}; the relation is LEFT JOINed and
     * the rows grouped by instance, so instances without related rows count 0.
     */
    public <U extends Entity, R extends Table> QuerySet<T> annotate(String name, Path<T, U, R> path,
                                                                     Function<R, Field<?>> aggregate) {
        return with(spec.withJoins(spec.joins().with(path, false))
                .plusAnnotation(new QuerySpec.Annotation(name, aggregate.apply(path.table()))));
    }

    /** {@code GROUP BY fields} for {@link #values}: each distinct key gets one row with its aggregates. */
    public QuerySet<T> groupBy(Field<?>... fields) {
        return with(spec.withGroupBy(List.of(fields)));
    }

    /** {@code HAVING condition} over aggregates, with {@link #groupBy} or aggregate annotations. */
    public QuerySet<T> having(Condition condition) {
        return with(spec.withHaving(spec.having().and(condition)));
    }

    /**
     * This query as a subquery selecting {@code fields}, for another query's filter or annotation (Django's
     * {@code Subquery} and {@code Exists}): {@code Sql.exists(purchases.filter(Purchase_.BUYER_ID.eq(Buyer_.ID))
     * .subquery(Purchase_.ID))}, {@code Buyer_.ID.in(...)}, or {@code Sql.scalar(....limit(1).subquery(Purchase_.AMOUNT),
     * Integer.class)} as an annotation. A column of the outer model in its filters is the outer reference
     * ({@code OuterRef}); a subquery over the outer model's own table needs an alias on one side. Nothing runs here.
     *
     * @throws OrmUsageException with prefetchRelated, selectForUpdate or asOf, which a subquery cannot carry
     */
    public io.covet.sql.Select subquery(Field<?>... fields) {
        return io.covet.orm.internal.Subqueries.of(runtime(), spec, List.of(fields));
    }

    // ---- terminal operations -----------------------------------------------------------------------------------

    /**
     * The same query over the model's rows as they were at {@code instant}, read from its {@link History} table:
     * filters, ordering, slicing and counting apply to that state. Forward joins, {@code selectRelated} and
     * {@code prefetchRelated} (forward and reverse) read the related models' history at the same instant. See
     * {@code docs/history.md} for what "as of" means on each engine.
     *
     * @throws OrmUsageException when read: for a model (or a joined or prefetched one) without {@code @History},
     *                           for an instant before its history began or before its prune point, for
     *                           many-to-many relations and for filters across reverse or many-to-many relations
     */
    public QuerySet<T> asOf(java.time.Instant instant) {
        return with(spec.withAsOf(java.util.Objects.requireNonNull(instant, "instant")));
    }

    /** Runs the query (and one query per prefetched relation) and returns the instances. */
    public List<T> list() {
        return prefetchCustom(routed(() -> QueryReads.list(runtime(), spec)));
    }

    /**
     * The matching instances, each as the most specific registered model it has a row of: on a multi-table parent,
     * ONE statement with a LEFT JOIN per registered multi-table child returns {@code Restaurant}s and {@code Bar}s
     * among the {@code Place}s (Hibernate's JOINED loading). A query without any WHERE (no filter, manager filter or
     * soft-delete mark), slice, selectRelated, annotation, only/defer, distinct, grouping, join, row lock or
     * {@code asOf} instead sends one SELECT per descendant model's own table (read whole, no join) and one of the
     * parent's rows in its order, matched by key (django-polymorphic's shape), all in one snapshot: a read-only
     * REPEATABLE READ transaction of its own outside a transaction, the caller's transaction when its isolation
     * keeps one snapshot (REPEATABLE READ, SERIALIZABLE), and the one joined statement inside a READ COMMITTED
     * one; a row another client commits meanwhile is never seen half. On a single-table root or subclass, ONE statement
     * over the shared table returns each row as the most derived registered model its discriminator names; on any
     * other model the same as
     * {@link #list()}.
     * Filters, ordering, slicing, selectRelated, annotations and prefetchRelated apply as in {@link #list()}: each
     * instance, whichever model it is, carries its related instances and annotation values from the same row.
     * Multi-table descendants at any depth count (a {@code Pizzeria extends Restaurant extends Place} row comes
     * back as a {@code Pizzeria}).
     */
    public List<T> listPolymorphic() {
        return routed(() -> io.covet.orm.internal.Polymorphic.list(runtime(), spec));
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
        refuseCustom("iterator");
        return routed(() -> QueryReads.iterator(runtime(), spec));
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
        refuseCustom("stream");
        return routed(() -> QueryReads.stream(runtime(), spec));
    }

    /**
     * The only instance matching the query.
     *
     * @throws DoesNotExist            when none matches
     * @throws MultipleObjectsReturned when more than one matches
     */
    public T get() {
        return prefetchCustom(List.of(routed(() -> QueryReads.get(runtime(), spec)))).get(0);
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
        return prefetchCustom(List.of(routed(() -> QueryReads.get(runtime(), spec, primaryKey)))).get(0);
    }

    /** The first instance in the ordering (by primary key when unordered), if any. */
    public Optional<T> first() {
        return routed(() -> QueryReads.first(runtime(), spec)).map(t -> prefetchCustom(List.of(t)).get(0));
    }

    /** The last instance in the ordering (by primary key when unordered), if any. */
    public Optional<T> last() {
        return routed(() -> QueryReads.last(runtime(), spec)).map(t -> prefetchCustom(List.of(t)).get(0));
    }

    /**
     * The instance with the greatest values of {@code fields} (Django's {@code latest()}), e.g.
     * {@code latest(Order_.PLACED_AT)}.
     *
     * @throws DoesNotExist when no row matches
     */
    public T latest(Field<?>... fields) {
        List<OrderField> order = new ArrayList<>();
        for (Field<?> f : fields) {
            order.add(f.desc());
        }
        return routed(() -> io.covet.orm.internal.QueryExtras.firstIn(runtime(), spec, order, "latest"));
    }

    /**
     * The instance with the least values of {@code fields} (Django's {@code earliest()}).
     *
     * @throws DoesNotExist when no row matches
     */
    public T earliest(Field<?>... fields) {
        List<OrderField> order = new ArrayList<>();
        for (Field<?> f : fields) {
            order.add(f.asc());
        }
        return routed(() -> io.covet.orm.internal.QueryExtras.firstIn(runtime(), spec, order, "earliest"));
    }

    /**
     * Whether {@code instance}'s row matches this query (Django's {@code contains()}), by primary key, with one
     * query.
     *
     * @throws OrmUsageException for an unsaved instance or a model with a composite key
     */
    public boolean contains(T instance) {
        return routed(() -> io.covet.orm.internal.QueryExtras.contains(runtime(), spec, instance));
    }

    /** Whether any row matches (reads at most one key). */
    public boolean exists() {
        return routed(() -> QueryReads.exists(runtime(), spec));
    }

    /** The number of matching rows. */
    public long count() {
        return routed(() -> QueryReads.count(runtime(), spec));
    }

    /**
     * The rows as maps from column label to value, typed by each field's Java type. With {@link #groupBy},
     * one row per group; aggregates go in {@code fields} (alias them with {@code .as("name")}).
     */
    public List<Map<String, Object>> values(Field<?>... fields) {
        return routed(() -> QueryReads.values(runtime(), spec, List.of(fields)));
    }

    /** The rows as lists of values, in field order. */
    public List<List<Object>> valuesList(Field<?>... fields) {
        return routed(() -> QueryReads.valuesList(runtime(), spec, List.of(fields)));
    }

    /** One field's values ({@code values_list(flat=True)}). */
    public <V> List<V> valuesFlat(Field<V> field) {
        return routed(() -> QueryReads.valuesFlat(runtime(), spec, field));
    }

    /**
     * One aggregate over the matching rows, e.g. {@code aggregate(Functions.sum(Line_.QUANTITY))}; null over no
     * rows except for COUNT.
     */
    public <V> V aggregate(Field<V> aggregate) {
        return routed(() -> QueryReads.aggregate(runtime(), spec, aggregate));
    }

    /**
     * The instances with these primary keys, by key; missing keys are absent.
     *
     * @throws OrmUsageException for a model with a composite primary key: filter on the key fields and use
     *                           {@link #list()}
     */
    public Map<Object, T> inBulk(Collection<?> primaryKeys) {
        Map<Object, T> found = routed(() -> QueryReads.inBulk(runtime(), spec, primaryKeys));
        prefetchCustom(found.values());
        return found;
    }

    /**
     * Updates every matching row in one statement; no instance signals are sent (no instance is loaded).
     *
     * @return the number of rows changed
     */
    public int update(Assignment... assignments) {
        requireWritable("update");
        return QueryWrites.update(runtime(), spec, assignments);
    }

    /**
     * Deletes every matching row, applying {@link OnDelete} rules and sending delete signals per row (the rows
     * are loaded first, as Django does), in one transaction. On a {@link SoftDelete} model the rows are marked, not
     * removed (rows already marked keep their stamp); {@link #purge()} removes them.
     *
     * @return the number of rows deleted, cascades included
     */
    public int delete() {
        requireWritable("delete");
        return QueryWrites.delete(runtime(), spec);
    }

    /**
     * The instance matching {@code lookup}, or a new one from {@code create} (saved), in one transaction; a
     * concurrent insert of the same unique key is read back instead of failing.
     */
    public GetOrCreate<T> getOrCreate(Condition lookup, Supplier<T> create) {
        requireWritable("getOrCreate");
        QueryWrites.Outcome<T> o = QueryWrites.getOrCreate(runtime(), spec, lookup, create);
        return new GetOrCreate<>(o.instance(), o.created());
    }

    /** The instance matching {@code lookup} updated by {@code update} and saved, or a new one from {@code create}. */
    public GetOrCreate<T> updateOrCreate(Condition lookup, Consumer<T> update, Supplier<T> create) {
        requireWritable("updateOrCreate");
        QueryWrites.Outcome<T> o = QueryWrites.updateOrCreate(runtime(), spec, lookup, update, create);
        return new GetOrCreate<>(o.instance(), o.created());
    }

    /**
     * Inserts many new instances with multi-row INSERT … RETURNING (chunks of 500) and sets their keys; sends
     * save signals per instance; does not run {@code fullClean}.
     */
    public List<T> bulkCreate(List<T> instances) {
        requireWritable("bulkCreate");
        runtime().writer().bulkCreate(spec.type(), instances, runtime().databaseName(spec.database()), true);
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
        requireWritable("bulkLoad");
        return runtime().writer().bulkCreate(spec.type(), instances, runtime().databaseName(spec.database()), false);
    }

    /** Writes the named fields of saved instances, one batched UPDATE per instance, with save signals. */
    public int bulkUpdate(List<T> instances, String... fields) {
        requireWritable("bulkUpdate");
        return runtime().writer().bulkUpdate(spec.type(), instances, List.of(fields),
                runtime().databaseName(spec.database()));
    }

    // ---- soft delete (see SoftDelete) ----------------------------------------------------------------------------

    /** The same query over every row of a {@link SoftDelete} model, soft-deleted ones included. */
    public QuerySet<T> allObjects() {
        return with(spec.withVisibility(io.covet.orm.internal.Visibility.ALL));
    }

    /** The same query over the soft-deleted rows of a {@link SoftDelete} model only. */
    public QuerySet<T> deletedOnly() {
        return with(spec.withVisibility(io.covet.orm.internal.Visibility.DELETED));
    }

    /**
     * Restores the soft-deleted rows matching the query's filters and the rows their deletes cascaded to, in one
     * transaction; see {@link Orm#restore}.
     *
     * @return the number of rows restored
     * @throws OrmUsageException for a model without {@link SoftDelete}
     */
    public int restore() {
        requireWritable("restore");
        return io.covet.orm.internal.SoftDeletes.restore(runtime(), spec);
    }

    /**
     * Hard-deletes the rows the query sees (live ones unless {@link #allObjects()} or {@link #deletedOnly()}), with
     * the {@link OnDelete} rules applied as hard deletes; see {@link Orm#purge}.
     *
     * @return the number of rows deleted, cascades included
     */
    public int purge() {
        requireWritable("purge");
        return io.covet.orm.internal.SoftDeletes.purge(runtime(), spec);
    }

    /** Writes go to the live table: refused on the model's read-only kinds and on a query of the past. */
    private void requireWritable(String what) {
        if (spec.asOf() != null) {
            throw new OrmUsageException(what + "() on a query asOf(" + spec.asOf() + ") is refused: the past is read "
                    + "only; write through orm.objects(...) without asOf");
        }
        io.covet.orm.internal.Keys.requireWritable(spec.type(), what);
    }

    private static void requireForward(Path<?, ?, ?> p, String what) {
        if (!Paths.allForward(p)) {
            throw new OrmUsageException(what + "(" + p.name() + ") needs foreign-key or one-to-one steps only: "
                    + "use prefetchRelated(...) for reverse and many-to-many relations");
        }
    }

    /** The result of {@link #getOrCreate} and {@link #updateOrCreate}. */
    public record GetOrCreate<T>(T instance, boolean created) {
    }
}
