package io.covet.core.pool;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of one pool. Counts come from HikariCP at the moment of the call (they may move while read); the
 * acquire-time percentiles come from {@value #ACQUIRE_SAMPLES} slots, each timed check-out through Covet
 * overwriting a random one: a sample weighted toward recent check-outs. One check-out in 128 is timed; the others
 * read no exact clock unless leak detection or check-out validation needs one (on a virtual machine a clock reading
 * can cost a quarter of HikariCP's whole check-out and return).
 *
 * @param maxSize          the pool's current maximum (a sizing policy may have moved it)
 * @param size             open physical connections (active + idle)
 * @param active           connections lent out
 * @param idle             connections waiting in the pool
 * @param pending          callers waiting for a connection
 * @param acquireP50       median time a checkout took
 * @param acquireP99       99th percentile of checkout time
 * @param acquireMax       the slowest sampled checkout in the window
 * @param checkouts        checkouts through Covet since the pool opened
 * @param timeouts         acquire timeouts ({@link io.covet.core.error.PoolExhausted}) since the pool opened
 * @param leasesByCaller   current leases per calling method ({@code Class.method}); filled only while leak
 *                         detection is on, since naming the caller costs a stack walk per checkout
 * @param evictionsByReason physical connections closed since the pool opened, per reason (zero reasons left out)
 * @param leaks            leases reported as leaks since the pool opened
 */
public record PoolStats(int maxSize, int size, int active, int idle, int pending, Duration acquireP50,
                        Duration acquireP99, Duration acquireMax, long checkouts, long timeouts,
                        Map<String, Integer> leasesByCaller, Map<EvictionReason, Long> evictionsByReason,
                        long leaks) {
    /** How many acquire-time samples the percentiles are computed from. */
    public static final int ACQUIRE_SAMPLES = 1024;

    /** Copies the maps. */
    public PoolStats {
        leasesByCaller = Map.copyOf(leasesByCaller);
        evictionsByReason = Map.copyOf(evictionsByReason);
    }
}
