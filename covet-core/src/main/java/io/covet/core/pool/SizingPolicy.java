package io.covet.core.pool;

import java.time.Duration;

/**
 * How a pool's size moves under load. Covet applies a policy through HikariCP's runtime
 * {@code setMaximumPoolSize}/{@code setMinimumIdle} and by closing a returned connection while the pool is above
 * the size the policy allows; HikariCP still opens and lends every connection.
 */
public sealed interface SizingPolicy {
    /** The default: the pool never exceeds {@link PoolSettings#maxSize()}. */
    static SizingPolicy fixed() {
        return Fixed.INSTANCE;
    }

    /**
     * Starts at {@link PoolSettings#maxSize()} and grows by {@code step} toward {@code ceiling} when more than
     * {@code pendingThreshold} callers waited for a connection continuously for {@code growAfter}; shrinks back by
     * {@code step} (never below the configured size) once no caller waited and at least {@code step} connections
     * stayed idle for {@code shrinkAfter}. After any change both clocks restart (hysteresis: no flapping).
     */
    static SizingPolicy dynamic(int ceiling, int step, int pendingThreshold, Duration growAfter, Duration shrinkAfter) {
        return new Dynamic(ceiling, step, pendingThreshold, growAfter, shrinkAfter);
    }

    /** {@link #dynamic} with step 1, threshold 0 (any waiting caller), grow after 1 s, shrink after 30 s. */
    static SizingPolicy dynamic(int ceiling) {
        return dynamic(ceiling, 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /**
     * SQLAlchemy's {@code max_overflow}: up to {@code extra} connections beyond {@link PoolSettings#maxSize()}
     * under a burst; a connection returned while the pool holds more than its base size is closed instead of
     * kept.
     */
    static SizingPolicy overflow(int extra) {
        return new Overflow(extra);
    }

    /** A fixed pool. */
    enum Fixed implements SizingPolicy {
        /** The one instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "fixed";
        }
    }

    /**
     * A pool that grows toward {@code ceiling} while callers wait and shrinks back when idle.
     *
     * @param ceiling          the largest the pool may grow
     * @param step             connections added or removed per decision
     * @param pendingThreshold grow only while more callers than this wait
     * @param growAfter        how long the waiting must last before growing
     * @param shrinkAfter      how long the pool must be idle (no waiter, {@code step} idle) before shrinking
     */
    record Dynamic(int ceiling, int step, int pendingThreshold, Duration growAfter, Duration shrinkAfter)
            implements SizingPolicy {
        @Override
        public String toString() {
            return "dynamic(ceiling=" + ceiling + ", step=" + step + ", pending>" + pendingThreshold + " for "
                    + growAfter + ", shrink after " + shrinkAfter + ")";
        }
    }

    /**
     * A pool with burst capacity: {@code extra} connections beyond the base size, closed on return.
     *
     * @param extra the most connections beyond the base size
     */
    record Overflow(int extra) implements SizingPolicy {
        @Override
        public String toString() {
            return "overflow(" + extra + ")";
        }
    }
}
