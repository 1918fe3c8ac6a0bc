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

    /** Runs every lookup over {@code roots}, one query per lookup (per 10,000 owners). */
    public static void run(OrmRuntime orm, List<Lookup> lookups, List<? extends Entity> roots) {
        for (Lookup l : lookups) {
            Prefetcher.runCustom(orm, l.path(), l.base(), l.attr(), roots);
        }
    }
}
