package io.covet.observe;

import java.util.List;
import java.util.Optional;

/**
 * The per-shape statistics of one database, kept in memory: at most {@link Observability.Builder#maxShapes} shapes
 * are tracked one by one, later new shapes are folded into one entry whose fingerprint is {@code other}, so memory
 * stays bounded whatever the workload. Thread-safe; readings are consistent per shape, not across shapes.
 */
public interface ShapeStats {
    /** The database these statistics are about. */
    String database();

    /**
     * The tracked shapes, largest first by {@code sort}, at most {@code limit} of them.
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    List<ShapeSnapshot> top(ShapeSort sort, int limit);

    /** Every tracked shape (and {@code other} if anything was folded into it), largest first by {@code sort}. */
    default List<ShapeSnapshot> all(ShapeSort sort) {
        return top(sort, Integer.MAX_VALUE);
    }

    /** The statistics of one shape by its fingerprint, if it is tracked. */
    Optional<ShapeSnapshot> get(String fingerprint);

    /** How many shapes are tracked one by one (not counting {@code other}). */
    int size();

    /**
     * Forgets every shape and its numbers (like {@code pg_stat_statements_reset()}); the Micrometer meters are
     * cumulative and are not reset.
     */
    void reset();
}
