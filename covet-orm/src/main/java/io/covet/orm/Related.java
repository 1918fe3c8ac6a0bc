package io.covet.orm;

import io.covet.core.pipeline.LazyLoad;

import java.util.List;

/**
 * The value of a many-to-many or reverse field: the related instances of one owner. {@link #all()} returns the
 * prefetched list when {@code prefetchRelated} loaded it, else runs one query. Many-to-many relations can be
 * changed with {@link #add}, {@link #remove}, {@link #set} and {@link #clear} (automatic join tables only).
 *
 * <p>Covet sets these fields on instances it reads or saves; they are null on a new, unsaved instance.
 *
 * @param <T> the related model
 */
public final class Related<T extends Entity> {
    private final Entity owner;
    private final String name;

    Related(Entity owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /**
     * The related instances: the prefetched list if any (no query), else the result of {@link #query()}.
     *
     * @throws LazyLoadException when not prefetched and the owner's {@link Orm} is closed
     */
    @SuppressWarnings("unchecked")
    public List<T> all() {
        if (owner.covetPrefetched != null && owner.covetPrefetched.containsKey(name)) {
            return (List<T>) owner.covetPrefetched.get(name);
        }
        // Marked as a lazy load so that the statement pipeline (N+1 detection) can tell it from asked-for reads.
        return new LazyLoad(owner.getClass().getSimpleName(), name, true).run(() -> query().list());
    }

    /** Whether {@link #all()} will answer without a query. */
    public boolean prefetched() {
        return owner.covetPrefetched != null && owner.covetPrefetched.containsKey(name);
    }

    /** A query set of the related instances, to filter further. */
    public QuerySet<T> query() {
        return orm().relatedQuery(owner, name);
    }

    /** Links the targets to the owner (automatic many-to-many tables); already linked targets are skipped. */
    @SafeVarargs
    @SuppressWarnings("varargs")
    public final void add(T... targets) {
        orm().m2m(owner, name).add(List.of(targets));
        forget();
    }

    /** Unlinks the targets from the owner. */
    @SafeVarargs
    @SuppressWarnings("varargs")
    public final void remove(T... targets) {
        orm().m2m(owner, name).remove(List.of(targets));
        forget();
    }

    /**
     * Makes the targets the owner's whole set (Django's {@code set()}): unlinks every other target and links the
     * missing ones, in one transaction; with no targets it unlinks every one.
     */
    @SafeVarargs
    @SuppressWarnings("varargs")
    public final void set(T... targets) {
        orm().m2m(owner, name).set(List.of(targets));
        forget();
    }

    /** Unlinks every target from the owner. */
    public void clear() {
        orm().m2m(owner, name).clear();
        forget();
    }

    private void forget() {
        if (owner.covetPrefetched != null) {
            owner.covetPrefetched.remove(name);
        }
    }

    private Orm orm() {
        Orm orm = owner.covetOrm;
        String where = owner.getClass().getSimpleName() + "." + name;
        if (orm == null) {
            throw new LazyLoadException(where + " belongs to an unsaved instance: save it first");
        }
        if (orm.isClosed()) {
            throw new LazyLoadException(where + " is not prefetched and the Orm that read it is closed: load it "
                    + "with prefetchRelated(...) while the database is open");
        }
        return orm;
    }

    @Override
    public String toString() {
        return "Related(" + owner + "." + name + ")";
    }
}
