package io.covet.orm.internal;

import io.covet.orm.OrmUsageException;
import io.covet.sql.Field;
import io.covet.sql.Select;

import java.util.List;

/**
 * A query set as a subquery (Django's {@code Subquery(qs.values(…))} and {@code Exists(qs)}): the statement of its
 * values with its filters, joins, soft-delete rule, ordering and slicing, to embed in another query's filter or
 * annotation. Columns of the outer query's model may appear in its filters (Django's {@code OuterRef}): they are
 * qualified by their table, so they resolve to the outer row unless the subquery reads the same table, which then
 * needs an alias ({@code Model_.TABLE.as("outer")}) on one side. Not an API.
 */
public final class Subqueries {
    private Subqueries() {
    }

    /**
     * The SELECT of {@code fields} over the rows of {@code q}; without slicing, the model's default ordering is left
     * out (an explicit {@code orderBy} stays).
     *
     * @throws OrmUsageException for a query with prefetching or a row lock, which a subquery cannot carry, or on a
     *                           query {@code asOf} an instant
     */
    public static Select of(OrmRuntime orm, QuerySpec<?> q, List<Field<?>> fields) {
        if (fields.isEmpty()) {
            throw new OrmUsageException("subquery() needs the fields to select, e.g. subquery(Order_.ID)");
        }
        if (!q.prefetch().isEmpty() || q.forUpdate() != null || q.asOf() != null) {
            throw new OrmUsageException("subquery() of a query with prefetchRelated, selectForUpdate or asOf is "
                    + "refused: a subquery is one SELECT without row locks; leave those out of the inner query");
        }
        // the model's default ordering means nothing in an unsliced subquery, and an aggregate over it (MAX(x))
        // would have to group by the ordering's columns
        boolean unsliced = q.limit() < 0 && q.offset() == 0;
        return QuerySql.valuesSelect(orm, q.order() == null && unsliced ? q.withOrder(List.of()) : q, fields);
    }
}
