package io.covet.core.replica;

import io.covet.core.internal.ReadScope;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the reads of a block of code go, for databases with replicas ({@code DatabaseConfig.Builder.replicas}).
 * Scopes nest (the innermost wins) and apply to the calling thread only; on a database without replicas they
 * change nothing. A single statement says the same with {@code SqlStatement.onPrimary()} and
 * {@code SqlStatement.consistency(…)}.
 *
 * <pre>{@code
 * Account a = Reads.onPrimary(() -> accounts.find(id));          // must see the latest state
 * List<Row> report = Reads.with(Consistency.bounded(Duration.ofSeconds(5)), () -> db.sql(q).list());
 * }</pre>
 */
public final class Reads {
    private Reads() {
    }

    /** Runs {@code work} with every statement of it on the primary. */
    public static <T> T onPrimary(Supplier<T> work) {
        return ReadScope.call(ReadScope.Pin.PRIMARY, null, null, Objects.requireNonNull(work, "work"));
    }

    /**
     * Runs {@code work} with its reads on replicas even where the {@link Router} would choose the primary
     * (Django's {@code using("replica")}). Writes, locking reads and transactions still run on the primary, and a
     * read still falls back when no replica can serve it.
     */
    public static <T> T onReplica(Supplier<T> work) {
        return ReadScope.call(ReadScope.Pin.REPLICA, null, null, Objects.requireNonNull(work, "work"));
    }

    /** Runs {@code work} with its reads at the given consistency. */
    public static <T> T with(Consistency consistency, Supplier<T> work) {
        return ReadScope.call(null, Objects.requireNonNull(consistency, "consistency"), null,
                Objects.requireNonNull(work, "work"));
    }
}
