package io.covet.orm;

import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The base class of models. Two instances are equal when they are of the same class and both are saved with
 * the same primary key (all key values for a composite key); an unsaved instance is equal only to itself. Its hash code is its primary key's once
 * saved, so do not put unsaved instances in hash sets and save them afterwards.
 *
 * <p>Override {@link #clean(ValidationErrors)} for model-level validation (run by {@code full_clean}).
 */
public abstract class Entity {
    transient Object[] covetSnapshot;
    transient Orm covetOrm;
    transient String covetDatabase;
    transient ModelType<?> covetType;
    transient Map<String, List<? extends Entity>> covetPrefetched;
    transient Map<String, Object> covetAnnotations;
    /** The fields the query left out ({@code only}/{@code defer}), an internal state; null when none. */
    transient Object covetDeferred;

    static {
        // the internals reach this class's package-private state through it (see AccessImpl)
        AccessImpl.install();
    }

    /** For subclasses. */
    protected Entity() {
    }

    /** Whether this instance was loaded from or saved to a database. */
    public final boolean persisted() {
        return covetSnapshot != null;
    }

    /** The name of the database this instance was loaded from or saved to, or null if it was neither. */
    public final String database() {
        return covetDatabase;
    }

    /**
     * Model-level validation, run by {@code full_clean} after every field is checked: add a message per problem
     * (with {@link ValidationErrors#add(String, String)} for a field or {@link ValidationErrors#add(String)} for
     * the whole instance). The default checks nothing.
     */
    protected void clean(ValidationErrors errors) {
    }

    /**
     * A value computed by {@code QuerySet.annotate(name, …)} for this instance.
     *
     * @throws OrmUsageException when the query set had no such annotation
     */
    public final Object annotation(String name) {
        if (covetAnnotations == null || !covetAnnotations.containsKey(name)) {
            throw new OrmUsageException(this + " has no annotation '" + name + "': add annotate(\"" + name
                    + "\", …) to the query set");
        }
        return covetAnnotations.get(name);
    }

    /**
     * The names of the fields this instance was read without ({@code QuerySet.only}/{@code defer}, or
     * {@link Column#deferred()}), in field order; empty when it holds every field. Such a field holds null (a
     * primitive the value its constructor gives it) until loaded, and {@code save} does not write it unless set.
     */
    public final List<String> deferredFields() {
        return covetDeferred == null ? List.of() : covetOrm.deferredFields(this);
    }

    /**
     * For getters of fields that queries may defer: makes sure {@code field} holds its database value. When this
     * instance was read without it, every deferred field of the instance is loaded with one query (Django's
     * on-access load), marked as a lazy load for N+1 detection; otherwise nothing happens.
     * <pre>{@code
     * public String body() { ensureLoaded("body"); return body; }
     * }</pre>
     * Java cannot intercept a direct read of the field ({@code post.body}), which returns null while deferred:
     * read deferred fields through such a getter, or load them explicitly with {@code orm.loadDeferred(x)}.
     *
     * @throws OrmUsageException      for a name the model has no field for (checked while the instance lacks fields)
     * @throws DeferredFieldException when the field is deferred and the {@link Orm} is built with
     *                                {@code strictDeferredFields(true)}
     * @throws LazyLoadException      when the field is deferred and the Orm that read the instance is closed
     */
    protected final void ensureLoaded(String field) {
        if (covetDeferred == null) {
            return; // the common case: a getter call costs one field read
        }
        // the work is the Orm's: this class does not name the internals, which name it
        covetOrm.loadOnAccess(this, field);
    }

    final void annotate(String name, Object value) {
        if (covetAnnotations == null) {
            covetAnnotations = new HashMap<>();
        }
        covetAnnotations.put(name, value);
    }

    /**
     * The primary key's value; for a composite key the list of the key columns' values in key order (a foreign
     * key's as its target's key), or null while any is unset.
     */
    final Object primaryKeyValue() {
        if (covetType == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        ModelType<Object> type = (ModelType<Object>) covetType;
        ModelMeta m = type.meta();
        if (!m.compositePrimaryKey()) {
            int pk = m.primaryKeyIndex();
            return pk < 0 ? null : type.get(this, pk);
        }
        int[] keys = m.primaryKeyIndexes();
        Object[] values = new Object[keys.length];
        for (int k = 0; k < keys.length; k++) {
            Object v = type.get(this, keys[k]);
            values[k] = v instanceof Ref<?> r ? r.id() : v;
            if (values[k] == null) {
                return null;
            }
        }
        return List.of(values);
    }

    final void attach(Orm orm, String database, ModelType<?> type, Object[] snapshot) {
        this.covetOrm = orm;
        this.covetDatabase = database;
        this.covetType = type;
        this.covetSnapshot = snapshot;
    }

    final void prefetched(String relation, List<? extends Entity> values) {
        if (covetPrefetched == null) {
            covetPrefetched = new HashMap<>();
        }
        covetPrefetched.put(relation, values);
    }

    @Override
    public final boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Entity e) || o.getClass() != getClass() || !persisted() || !e.persisted()) {
            return false;
        }
        Object pk = primaryKeyValue();
        return pk != null && pk.equals(e.primaryKeyValue());
    }

    @Override
    public final int hashCode() {
        Object pk = persisted() ? primaryKeyValue() : null;
        return pk == null ? System.identityHashCode(this) : Objects.hashCode(pk);
    }

    @Override
    public String toString() {
        Object pk = primaryKeyValue();
        return getClass().getSimpleName() + (pk == null ? "(unsaved)" : "#" + pk);
    }
}
