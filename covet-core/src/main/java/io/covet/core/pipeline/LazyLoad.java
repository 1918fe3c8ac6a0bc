package io.covet.core.pipeline;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Marks the statements that load one relation of one instance on demand (an ORM's lazy load), so that
 * interceptors can tell them from the statements the code asked for: N+1 detection counts them per relation.
 * The ORM runs each lazy load inside {@link #run}; every statement started on that thread meanwhile carries the
 * mark in {@link StatementContext#lazyLoad()}.
 *
 * @param model    the simple name of the model whose relation is loaded ({@code Order})
 * @param relation the relation's field name ({@code customer})
 * @param toMany   whether it loads a collection (a reverse or many-to-many relation, fixed with
 *                 {@code prefetchRelated}) rather than one instance (a foreign key or one-to-one, fixed with
 *                 {@code selectRelated})
 * @param deferred whether it loads an instance's deferred fields (left out by {@code only}/{@code defer}) on access
 *                 of field {@code relation}, fixed by loading the field with the rows or all rows' at once
 */
public record LazyLoad(String model, String relation, boolean toMany, boolean deferred) {
    private static final ThreadLocal<LazyLoad> CURRENT = new ThreadLocal<>();

    /** Checks the names. */
    public LazyLoad {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(relation, "relation");
    }

    /** The load of a relation. */
    public LazyLoad(String model, String relation, boolean toMany) {
        this(model, relation, toMany, false);
    }

    /** The load of an instance's deferred fields on access of {@code field}. */
    public static LazyLoad deferredField(String model, String field) {
        return new LazyLoad(model, field, false, true);
    }

    /**
     * Runs {@code work} with this mark on the current thread, restoring the previous one (lazy loads may nest)
     * afterwards, and returns what it returned.
     */
    public <T> T run(Supplier<T> work) {
        LazyLoad previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The lazy load running on the current thread, if any. */
    public static Optional<LazyLoad> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static LazyLoad currentOrNull() {
        return CURRENT.get();
    }
}
