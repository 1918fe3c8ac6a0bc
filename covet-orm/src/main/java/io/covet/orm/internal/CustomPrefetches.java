package io.covet.orm.internal;

import io.covet.orm.Entity;
import io.covet.orm.Path;

import java.util.List;

/** Runs Django-style {@code Prefetch(path, queryset, to_attr)} lookups after a query's rows are read. Not an API. */
public final class CustomPrefetches {
    private CustomPrefetches() {
    }

    /**
     * One lookup.
     *
     * @param path the one-step reverse or many-to-many relation
     * @param base the query set's spec the related rows come from
     * @param attr where the lists are stored, or null for the relation itself
     */
    public record Lookup(Path<?, ?, ?> path, QuerySpec<?> base, String attr) {
    }

    /**
     * Runs every lookup over {@code roots}, one query per lookup (per 10,000 owners). Under an {@code asOf} query
     * ({@code asOf} not null) each lookup reads its rows as of the same instant, so one result never mixes two
     * points in time.
     *
     * @throws io.covet.orm.OrmUsageException under {@code asOf}: for a related model without {@code @History}, a
     *                                        many-to-many lookup, or a query set already read as of another instant
     */
    public static void run(OrmRuntime orm, List<Lookup> lookups, List<? extends Entity> roots,
                           java.time.Instant asOf) {
        for (Lookup l : lookups) {
            Prefetcher.runCustom(orm, l.path(), asOf == null ? l.base() : atSameInstant(orm, l, asOf), l.attr(),
                    roots);
        }
    }

    private static QuerySpec<?> atSameInstant(OrmRuntime orm, Lookup l, java.time.Instant asOf) {
        AsOf.related(orm, Paths.last(l.path()), "Prefetch");
        java.time.Instant own = l.base().asOf();
        if (own != null && !own.equals(asOf)) {
            throw new io.covet.orm.OrmUsageException("Prefetch(" + l.path().name() + ") reads its query set as of "
                    + own + " inside a query as of " + asOf + ", which would mix two points in time; leave asOf off "
                    + "the Prefetch's query set (it follows the outer query) or give both the same instant");
        }
        return l.base().withAsOf(asOf);
    }
}
