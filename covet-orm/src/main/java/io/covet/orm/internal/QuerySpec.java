package io.covet.orm.internal;

import io.covet.orm.Entity;
import io.covet.orm.Path;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Condition;
import io.covet.sql.Field;
import io.covet.sql.OrderField;
import io.covet.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a query set says about its rows, as one immutable value: the internals read, write and render from
 * it, and the public query set is its facade. Each {@code with…} method returns a new spec differing in one part.
 * Not an API.
 *
 * @param type          the model
 * @param database      the database name, or null for the default
 * @param where         the filters, ANDed
 * @param order         the ordering, or null for the model's default ordering
 * @param distinct      {@code SELECT DISTINCT}
 * @param limit         at most this many rows, or -1 for no limit
 * @param offset        rows to skip
 * @param joins         the relation paths joined
 * @param related       the paths read with the row ({@code selectRelated}), with their prefixes, in order
 * @param prefetch      the paths loaded by one more query each ({@code prefetchRelated}), with their prefixes
 * @param annotations   the computed values added to each instance
 * @param groupBy       {@code GROUP BY} fields
 * @param having        {@code HAVING} conditions, ANDed
 * @param selfSubquery  whether a filter is a subquery over the model's own table (MariaDB cannot UPDATE with one)
 * @param forUpdate     {@code SELECT … FOR UPDATE} and its options, or null for a read without row locks
 * @param asOf          the instant read from the history table ({@code QuerySet.asOf}), or null for now
 * @param visibility    which rows of a {@code @SoftDelete} model the query sees (live ones unless asked)
 * @param loading       which fields are loaded ({@code only}/{@code defer}); {@link Loading#DEFAULT} for all but the
 *                      model's {@code @Column(deferred = true)} ones
 * @param subqueriesAsOf the instant the subquery filters ({@code selfSubquery}) read the history tables at, when
 *                      they were built on a query already {@code asOf} it; null when they read the current tables
 * @param <T>           the model
 */
public record QuerySpec<T extends Entity>(ModelType<T> type, String database, Condition where,
                                          List<OrderField> order, boolean distinct, long limit, long offset,
                                          Joins joins, List<Path<?, ?, ?>> related, List<Path<?, ?, ?>> prefetch,
                                          List<Annotation> annotations, List<Field<?>> groupBy, Condition having,
                                          boolean selfSubquery, RowLock forUpdate,
                                          java.time.Instant asOf, Visibility visibility, Loading loading,
                                          java.time.Instant subqueriesAsOf) {

    /**
     * A computed value added to each instance.
     *
     * @param name the name it is read by
     * @param expr the expression
     */
    public record Annotation(String name, Field<?> expr) {
    }

    /** Checks the parts and copies every list. */
    public QuerySpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(joins, "joins");
        Objects.requireNonNull(having, "having");
        Objects.requireNonNull(visibility, "visibility");
        loading = loading == null ? Loading.DEFAULT : loading;
        order = order == null ? null : List.copyOf(order);
        related = List.copyOf(related);
        prefetch = List.copyOf(prefetch);
        annotations = List.copyOf(annotations);
        groupBy = List.copyOf(groupBy);
    }

    /** Every row of the model, on the default database. */
    public static <T extends Entity> QuerySpec<T> all(ModelType<T> type) {
        return new QuerySpec<>(type, null, Sql.noCondition(), null, false, -1, 0, Joins.EMPTY, List.of(), List.of(),
                List.of(), List.of(), Sql.noCondition(), false, null, null, Visibility.LIVE, Loading.DEFAULT, null);
    }

    /** On the named database (null for the default). */
    public QuerySpec<T> withDatabase(String name) {
        return new QuerySpec<>(type, name, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With this filter instead of the current ones. */
    public QuerySpec<T> withWhere(Condition condition) {
        return new QuerySpec<>(type, database, condition, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With {@code condition} ANDed to the filters. */
    public QuerySpec<T> and(Condition condition) {
        return withWhere(where.and(condition));
    }

    /** With this ordering; null for the model's default ordering. */
    public QuerySpec<T> withOrder(List<OrderField> fields) {
        return new QuerySpec<>(type, database, where, fields, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With or without {@code DISTINCT}. */
    public QuerySpec<T> withDistinct(boolean value) {
        return new QuerySpec<>(type, database, where, order, value, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With this limit (-1 for none). */
    public QuerySpec<T> withLimit(long n) {
        return new QuerySpec<>(type, database, where, order, distinct, n, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With this offset. */
    public QuerySpec<T> withOffset(long n) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, n, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With these joins. */
    public QuerySpec<T> withJoins(Joins value) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, value, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With these select-related paths. */
    public QuerySpec<T> withRelated(List<Path<?, ?, ?>> paths) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, paths, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With these prefetch paths. */
    public QuerySpec<T> withPrefetch(List<Path<?, ?, ?>> paths) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, paths,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With {@code annotation} after the current annotations. */
    public QuerySpec<T> plusAnnotation(Annotation annotation) {
        List<Annotation> all = new ArrayList<>(annotations);
        all.add(annotation);
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch, all,
                groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With these grouping fields. */
    public QuerySpec<T> withGroupBy(List<Field<?>> fields) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, fields, having, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With this {@code HAVING} condition instead of the current one. */
    public QuerySpec<T> withHaving(Condition condition) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, condition, selfSubquery, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** Marked as filtering by a subquery over the model's own table, or not. */
    public QuerySpec<T> withSelfSubquery(boolean value) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, value, forUpdate, asOf, visibility, loading, subqueriesAsOf);
    }

    /** With or without {@code FOR UPDATE}. */
    public QuerySpec<T> withForUpdate(boolean value) {
        return withLock(value ? RowLock.PLAIN : null);
    }

    /** With this row lock ({@code FOR UPDATE} and its options), or none for null. */
    public QuerySpec<T> withLock(RowLock value) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, value, asOf, visibility, loading, subqueriesAsOf);
    }

    /** Seeing the rows of a {@code @SoftDelete} model that {@code visibility} says. */
    public QuerySpec<T> withVisibility(Visibility value) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, value, loading, subqueriesAsOf);
    }

    /** With these fields loaded ({@code only}/{@code defer}). */
    public QuerySpec<T> withLoading(Loading value) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, value, subqueriesAsOf);
    }

    /** Whether nothing but the model itself is asked for: the shape of a lookup by key. */
    boolean plain() {
        return loading == Loading.DEFAULT && visibility == Visibility.LIVE && forUpdate == null && joins.isEmpty()
                && related.isEmpty() && prefetch.isEmpty() && annotations.isEmpty()
                && groupBy.isEmpty() && !distinct && limit < 0 && offset == 0 && where.equals(Sql.noCondition())
                && having.equals(Sql.noCondition());
    }

    /**
     * Whether the query reads one table with nothing else in its select list, so that the model's columns can be
     * selected without the table qualifier: the statement's text is then a third shorter, and SQLite, which
     * prepares every statement anew, parses it measurably faster (about 0.6 µs of a 9 µs lookup by key). Filters
     * and ordering keep their qualified columns; select-list names resolve in the outer query only, so subquery
     * filters cannot capture them.
     */
    boolean alone() {
        return joins.isEmpty() && related.isEmpty() && annotations.isEmpty() && groupBy.isEmpty() && !distinct;
    }

    /** This query with its subquery filters marked as reading the history tables at {@code instant}. */
    public QuerySpec<T> withSubqueriesAsOf(java.time.Instant instant) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, asOf, visibility, loading, instant);
    }

    /** This query reading the model's history table as of {@code instant} ({@code QuerySet.asOf}). */
    public QuerySpec<T> withAsOf(java.time.Instant instant) {
        return new QuerySpec<>(type, database, where, order, distinct, limit, offset, joins, related, prefetch,
                annotations, groupBy, having, selfSubquery, forUpdate, instant, visibility, loading, subqueriesAsOf);
    }
}
