package io.covet.orm;

import io.covet.sql.Assignment;
import io.covet.sql.Condition;
import io.covet.sql.Field;
import io.covet.sql.OrderField;
import io.covet.sql.Table;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The base of a model's own query set: subclass it to give a model query methods that chain with the built-in ones
 * and with each other, typed by the compiler. Every chaining method returns the subclass {@code Q}, every terminal
 * method runs the wrapped {@link QuerySet}; {@link #query()} is the wrapped query set for anything else.
 *
 * <pre>{@code
 * public final class PostQuery extends CustomQuerySet<Post, PostQuery> {
 *     public PostQuery(QuerySet<Post> base) {
 *         super(base, PostQuery::new);
 *     }
 *
 *     public PostQuery published() {
 *         return filter(Post_.PUBLISHED_AT.isNotNull());
 *     }
 *
 *     public PostQuery recent() {
 *         return orderBy(Post_.PUBLISHED_AT.desc()).limit(10);
 *     }
 * }
 *
 * orm.objects(Post_.TYPE, PostQuery::new).published().recent().list();   // no annotation needed
 * // or @Manager(PostQuery.class) on Post: orm.objects(Post_.TYPE).published().recent().list();
 * }</pre>
 *
 * <p>Instances are immutable like the query set they wrap. A subclass may narrow the model's default rows by
 * overriding {@link #initial(QuerySet)}, which {@code orm.objects} applies once when it creates the manager.
 *
 * @param <T> the model
 * @param <Q> the subclass itself
 */
public abstract class CustomQuerySet<T extends Entity, Q extends CustomQuerySet<T, Q>> implements Iterable<T> {
    private final QuerySet<T> query;
    private final Function<QuerySet<T>, Q> wrap;

    /**
     * Wraps {@code query}; {@code wrap} makes a {@code Q} over a derived query set (normally the subclass's
     * constructor, {@code PostQuery::new}).
     */
    protected CustomQuerySet(QuerySet<T> query, Function<QuerySet<T>, Q> wrap) {
        this.query = Objects.requireNonNull(query, "query");
        this.wrap = Objects.requireNonNull(wrap, "wrap");
    }

    /**
     * The rows this manager starts from, applied once by {@code orm.objects}: override to make a default manager
     * that, say, hides drafts. The default returns {@code all} unchanged.
     */
    protected QuerySet<T> initial(QuerySet<T> all) {
        return all;
    }

    /** This manager over {@code initial(query())}; what {@code orm.objects} returns. */
    final Q start() {
        return wrap.apply(initial(query));
    }

    /** The wrapped query set, for the methods this class does not repeat. */
    public final QuerySet<T> query() {
        return query;
    }

    /** A {@code Q} over {@code change(query())}: the one way subclasses derive new query sets. */
    protected final Q apply(UnaryOperator<QuerySet<T>> change) {
        return wrap.apply(change.apply(query));
    }

    // ---- chaining (see QuerySet for each method's guarantee) ---------------------------------------------------

    /** {@link QuerySet#filter(Condition)}. */
    public final Q filter(Condition condition) {
        return apply(q -> q.filter(condition));
    }

    /** {@link QuerySet#filter(Path, Function)}. */
    public final <U extends Entity, R extends Table> Q filter(Path<T, U, R> path, Function<R, Condition> on) {
        return apply(q -> q.filter(path, on));
    }

    /** {@link QuerySet#exclude(Condition)}. */
    public final Q exclude(Condition condition) {
        return apply(q -> q.exclude(condition));
    }

    /** {@link QuerySet#exclude(Path, Function)}. */
    public final <U extends Entity, R extends Table> Q exclude(Path<T, U, R> path, Function<R, Condition> on) {
        return apply(q -> q.exclude(path, on));
    }

    /** {@link QuerySet#orderBy}. */
    public final Q orderBy(OrderField... fields) {
        return apply(q -> q.orderBy(fields));
    }

    /** {@link QuerySet#distinct}. */
    public final Q distinct() {
        return apply(QuerySet::distinct);
    }

    /** {@link QuerySet#limit}. */
    public final Q limit(long n) {
        return apply(q -> q.limit(n));
    }

    /** {@link QuerySet#offset}. */
    public final Q offset(long n) {
        return apply(q -> q.offset(n));
    }

    /** {@link QuerySet#slice}. */
    public final Q slice(long from, long to) {
        return apply(q -> q.slice(from, to));
    }

    /** {@link QuerySet#using}. */
    public final Q using(String database) {
        return apply(q -> q.using(database));
    }

    /** {@link QuerySet#selectRelated}. */
    @SafeVarargs
    public final Q selectRelated(Path<T, ?, ?>... paths) {
        return apply(q -> q.selectRelated(paths));
    }

    /** {@link QuerySet#prefetchRelated}. */
    @SafeVarargs
    public final Q prefetchRelated(Path<T, ?, ?>... paths) {
        return apply(q -> q.prefetchRelated(paths));
    }

    /** {@link QuerySet#prefetchRelated(Prefetch[])}. */
    @SafeVarargs
    public final Q prefetchRelated(Prefetch<T, ?>... lookups) {
        return apply(q -> q.prefetchRelated(lookups));
    }

    /** {@link QuerySet#annotate(String, Field)}. */
    public final Q annotate(String name, Field<?> expression) {
        return apply(q -> q.annotate(name, expression));
    }

    /** {@link QuerySet#selectForUpdate}. */
    public final Q selectForUpdate() {
        return apply(QuerySet::selectForUpdate);
    }

    /** {@link QuerySet#selectForUpdate(ForUpdate)}. */
    public final Q selectForUpdate(ForUpdate options) {
        return apply(q -> q.selectForUpdate(options));
    }

    /** {@link QuerySet#asOf}. */
    public final Q asOf(Instant instant) {
        return apply(q -> q.asOf(instant));
    }

    /** {@link QuerySet#allObjects}: soft-deleted rows too. */
    public final Q allObjects() {
        return apply(QuerySet::allObjects);
    }

    /** {@link QuerySet#deletedOnly}: soft-deleted rows only. */
    public final Q deletedOnly() {
        return apply(QuerySet::deletedOnly);
    }

    // ---- terminal -------------------------------------------------------------------------------------------------

    /** {@link QuerySet#list}. */
    public final List<T> list() {
        return query.list();
    }

    /** {@link QuerySet#iterator}: a streaming cursor; close it when the loop may stop early. */
    @Override
    public final CloseableIterator<T> iterator() {
        return query.iterator();
    }

    /** {@link QuerySet#get()}. */
    public final T get() {
        return query.get();
    }

    /** {@link QuerySet#get(Condition)}. */
    public final T get(Condition condition) {
        return query.get(condition);
    }

    /** {@link QuerySet#get(Object)}. */
    public final T get(Object primaryKey) {
        return query.get(primaryKey);
    }

    /** {@link QuerySet#first}. */
    public final Optional<T> first() {
        return query.first();
    }

    /** {@link QuerySet#last}. */
    public final Optional<T> last() {
        return query.last();
    }

    /** {@link QuerySet#exists}. */
    public final boolean exists() {
        return query.exists();
    }

    /** {@link QuerySet#count}. */
    public final long count() {
        return query.count();
    }

    /** {@link QuerySet#values}. */
    public final List<Map<String, Object>> values(Field<?>... fields) {
        return query.values(fields);
    }

    /** {@link QuerySet#valuesFlat}. */
    public final <V> List<V> valuesFlat(Field<V> field) {
        return query.valuesFlat(field);
    }

    /** {@link QuerySet#aggregate}. */
    public final <V> V aggregate(Field<V> aggregate) {
        return query.aggregate(aggregate);
    }

    /** {@link QuerySet#update}. */
    public final int update(Assignment... assignments) {
        return query.update(assignments);
    }

    /** {@link QuerySet#delete}: soft for a {@link SoftDelete} model. */
    public final int delete() {
        return query.delete();
    }

    /** {@link QuerySet#restore}. */
    public final int restore() {
        return query.restore();
    }

    /** {@link QuerySet#purge}. */
    public final int purge() {
        return query.purge();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + query + "]";
    }
}
