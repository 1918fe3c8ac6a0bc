package io.covet.core.pool;

import java.time.Duration;

/**
 * Told about a pool's events. Every method has an empty default; implement those you need. Methods run on
 * Covet's monitor thread or on the thread that caused the event, must be quick, and must not throw (a failure is
 * logged and ignored).
 */
public interface PoolListener {
    /**
     * Callers have waited for a connection ({@code pending > 0}) longer than
     * {@link PoolSettings#exhaustionWindow()}; fired once per episode (again only after the queue emptied).
     */
    default void exhausted(String database, PoolStats stats) {
    }

    /**
     * Active connections reached {@link PoolSettings#highUsageRatio()} of the maximum; fired once per episode
     * (again only after usage fell below the ratio).
     */
    default void highUsage(String database, PoolStats stats) {
    }

    /** A connection has been held longer than {@link PoolSettings#leakThreshold()}; fired once per lease. */
    default void leak(String database, LeakReport leak) {
    }

    /**
     * A physical connection was closed, after {@code age} in the pool, for {@code reason} (see
     * {@link EvictionReason} for which reasons are inferred).
     */
    default void evicted(String database, EvictionReason reason, Duration age) {
    }

    /** A caller's acquire timed out: the pool was exhausted ({@link io.covet.core.error.PoolExhausted}). */
    default void acquireTimedOut(String database, PoolStats stats) {
    }
}
