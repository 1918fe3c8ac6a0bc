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
 */
public record LazyLoad(String model, String relation, boolean toMany) {
    private static final ThreadLocal<LazyLoad> CURRENT = new ThreadLocal<>();

    /** Checks the names. */
    public LazyLoad {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(relation, "relation");
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
