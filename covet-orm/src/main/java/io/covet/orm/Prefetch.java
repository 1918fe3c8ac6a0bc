package io.covet.orm;

import io.covet.orm.internal.CustomPrefetches;

import java.util.List;
import java.util.Objects;

/**
 * Django's {@code Prefetch(lookup, queryset=…, to_attr=…)}: prefetches a one-step reverse or many-to-many relation
 * from a query set of your own (its filters and ordering, and its own {@code prefetchRelated}), with one query
 * after the main one. Without {@link #toAttr} the filtered list becomes the relation's value ({@code Related.all()}
 * answers with it, no query); with it, the relation is left alone and the list is read with {@link #get(Entity)}.
 *
 * <pre>{@code
 * Prefetch<Buyer, Purchase> paid = Prefetch.of(Buyer_.PURCHASES,
 *         orm.objects(Purchase_.TYPE).filter(Purchase_.STATUS.eq("paid")).orderBy(Purchase_.AMOUNT.desc()))
 *         .toAttr("paidPurchases");
 * for (Buyer b : orm.objects(Buyer_.TYPE).prefetchRelated(paid).list()) {
 *     List<Purchase> mine = paid.get(b);          // no query
 * }
 * }</pre>
 *
 * Immutable.
 *
 * @param <S> the model the relation starts at
 * @param <T> the related model
 */
public final class Prefetch<S extends Entity, T extends Entity> {
    private final Path<S, T, ?> path;
    private final QuerySet<T> queryset;
    private final String attr;

    private Prefetch(Path<S, T, ?> path, QuerySet<T> queryset, String attr) {
        this.path = Objects.requireNonNull(path, "path");
        this.queryset = Objects.requireNonNull(queryset, "queryset");
        this.attr = attr;
    }

    /**
     * The relation {@code path} loaded from {@code queryset}'s rows. The query set's model must be the relation's
     * end; checked, with the path's kind (one reverse or many-to-many step), when the query runs.
     */
    public static <S extends Entity, T extends Entity> Prefetch<S, T> of(Path<S, T, ?> path, QuerySet<T> queryset) {
        return new Prefetch<>(path, queryset, null);
    }

    /**
     * This prefetch storing its lists under {@code name} instead of in the relation, read back with
     * {@link #get(Entity)}; the relation itself stays unloaded.
     *
     * @throws IllegalArgumentException for a blank name
     */
    public Prefetch<S, T> toAttr(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("toAttr needs a name");
        }
        return new Prefetch<>(path, queryset, name);
    }

    /**
     * The related instances this prefetch loaded for {@code owner} (in the query set's order; empty when none).
     *
     * @throws OrmUsageException when {@code owner} was not read by a query set with this prefetch
     */
    @SuppressWarnings("unchecked")
    public List<T> get(S owner) {
        String name = attr != null ? attr : path.name();
        if (owner.covetPrefetched == null || !owner.covetPrefetched.containsKey(name)) {
            throw new OrmUsageException(owner + " has no prefetched '" + name + "': read it with "
                    + "prefetchRelated(Prefetch.of(" + path.name() + ", …)" + (attr != null ? ".toAttr(\"" + attr
                    + "\")" : "") + ")");
        }
        return (List<T>) owner.covetPrefetched.get(name);
    }

    CustomPrefetches.Lookup lookup() {
        return new CustomPrefetches.Lookup(path, queryset.spec(), attr);
    }

    @Override
    public String toString() {
        return "Prefetch(" + path.name() + (attr != null ? " to " + attr : "") + ")";
    }
}
