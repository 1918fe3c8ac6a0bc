package io.covet.core.resilience;

import java.time.Instant;
import java.util.Optional;

/**
 * The live resilience state of one database ({@code Database.resilience()}): the breaker's state for health
 * checks and metrics, counters, and the switch of read-only mode. Thread-safe.
 */
public interface Resilience {
    /** The database's name. */
    String database();

    /** The settings it was opened with. */
    ResilienceSettings settings();

    /** The breaker's state now. */
    BreakerState state();

    /** When an open breaker lets the next probe through; empty unless {@link BreakerState#OPEN}. */
    Optional<Instant> nextProbe();

    /** The failure percentage over the breaker's window; -1 until it holds the minimum number of calls. */
    float failureRate();

    /** How many times the breaker opened since the database opened. */
    long timesOpened();

    /** Calls refused because the breaker was open or half-open, or the bulkhead full. */
    long rejectedCalls();

    /** Statement runs that were retries (each further attempt counts once). */
    long retries();

    /** Reads served by the fallback. */
    long fallbackReads();

    /** Whether writes are refused now. */
    boolean readOnly();

    /**
     * Switches read-only mode at run time: while on, every statement that is not a read, outside or inside a
     * transaction, is refused with {@link io.covet.core.error.ReadOnlyViolation} before it reaches the server;
     * reads go on.
     */
    void readOnly(boolean readOnly);

    /**
     * Whether the last read of this database on the calling thread was served by the fallback, i.e. may be
     * stale. Reset by each read.
     */
    boolean lastReadWasStale();
}
