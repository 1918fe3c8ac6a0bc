package io.covet.core.internal;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.covet.core.pool.EvictionReason;
import io.covet.core.pool.PoolStats;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A managed pool's counts for its {@link PoolStats}: the reservoir of timed check-outs, acquire timeouts, leaks,
 * evictions by reason, and the check-outs of physical connections already closed (those of open ones are counted
 * on each connection's record, see {@link PooledConnection#countCheckout}).
 */
final class PoolCounters {
    /**
     * One check-out in this many (a power of two) is timed for the acquire-time percentiles. A timed check-out reads
     * the exact clock twice (~33 ns each on this development VM's kvm-clock) and takes a rarely taken branch: with
     * one in 32 timed that was the plain check-out's largest cost over HikariCP's (CPU time, SQLite, alternating
     * blocks in one JVM, load average 21-22: +7 to +10 ns at one in 32, +5 to +7 at one in 128, +4 to +6 untimed).
     * The price: each of the 1,024 slots is overwritten about once per 131,000 check-outs instead of 33,000, so the
     * percentiles follow a change in the pool's load four times more slowly.
     */
    static final int TIMED_ONE_IN = 128;
    private static final int TIMED_SHIFT = Integer.numberOfTrailingZeros(TIMED_ONE_IN);
    /**
     * HikariCP (6.x) retires each connection at a random point up to {@code maxLifetime / factor} early, the factor
     * read from this system property (default 4, clamped to 2..40) so that they do not all expire together.
     */
    private static final long LIFETIME_VARIANCE_FACTOR =
            Math.min(40, Math.max(2, Long.getLong("com.zaxxer.hikari.lifeTimeVarianceFactor", 4)));

    private final long[] acquireSamples = new long[PoolStats.ACQUIRE_SAMPLES];
    /** Check-outs of closed connections (and of any connection Covet has no record of). */
    private final LongAdder retired = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder leaks = new LongAdder();
    private final Map<EvictionReason, LongAdder> evictions = new EnumMap<>(EvictionReason.class);

    PoolCounters() {
        for (EvictionReason r : EvictionReason.values()) {
            evictions.put(r, new LongAdder());
        }
    }

    /** Whether the check-out that drew {@code random} is one of those timed. */
    static boolean timed(int random) {
        return (random & (TIMED_ONE_IN - 1)) == 0;
    }

    /**
     * Puts a timed check-out's wait in the reservoir of acquire times, at a random slot: callers on many threads
     * then rarely write the same cache line, and the slots stay a uniform sample of recent check-outs.
     */
    void sample(long nanos, int random) {
        acquireSamples[(random >>> TIMED_SHIFT) % acquireSamples.length] = nanos;
    }

    /** Counts a check-out of a connection Covet has no record of. */
    void untrackedCheckout() {
        retired.increment();
    }

    /** Forgets a closed physical connection, keeping its check-outs in the count in the same step. */
    void retire(PooledConnection pc, Set<PooledConnection> physicals) {
        synchronized (physicals) {
            retired.add(pc.checkouts());
            physicals.remove(pc);
        }
    }

    void evicted(EvictionReason reason) {
        evictions.get(reason).increment();
    }

    void timedOut() {
        timeouts.increment();
    }

    void leaked() {
        leaks.increment();
    }

    /**
     * Why HikariCP closed {@code pc} at {@code now}: the reason Covet gave when it evicted it, else the one
     * inferred from the pool's state and settings.
     *
     * @param started      whether HikariCP's pool had started (a close before is its start-up check's)
     * @param aboveMinIdle whether the pool held more than its minimum idle connections before this close
     */
    static EvictionReason closeReason(PooledConnection pc, long now, boolean closing, boolean started,
                                      boolean aboveMinIdle, long idleTimeoutNanos, long maxLifetimeNanos) {
        long age = now - pc.openedAt;
        if (pc.evictedFor != null) {
            return pc.evictedFor;
        } else if (closing) {
            return EvictionReason.POOL_CLOSED;
        } else if (!started) {
            return EvictionReason.STARTUP_CHECK;
        } else if (idleTimeoutNanos > 0 && pc.current() == null && now - pc.returnedAt >= idleTimeoutNanos
                && aboveMinIdle) {
            // HikariCP idles out only connections above min idle; at or below it, an idle close is the lifetime's.
            return EvictionReason.IDLE;
        } else if (maxLifetimeNanos > 0 && age >= maxLifetimeNanos - maxLifetimeNanos / LIFETIME_VARIANCE_FACTOR) {
            return EvictionReason.LIFETIME;
        }
        return EvictionReason.DEAD;
    }

    /** The longest current lease among {@code physicals}, or null. */
    static PooledConnection.Lease oldestLease(Set<PooledConnection> physicals) {
        PooledConnection.Lease oldest = null;
        for (PooledConnection pc : physicals) {
            PooledConnection.Lease l = pc.current();
            if (l != null && (oldest == null || l.at() - oldest.at() < 0)) {
                oldest = l;
            }
        }
        return oldest;
    }

    /** The stats of a pool of at most {@code maxSize} whose HikariCP bean is {@code b} (null before it started). */
    PoolStats stats(int maxSize, HikariPoolMXBean b, Set<PooledConnection> physicals) {
        long n;
        synchronized (physicals) {
            n = retired.sum();
            for (PooledConnection pc : physicals) {
                n += pc.checkouts();
            }
        }
        // Slots never written hold 0; with fewer check-outs than slots only the written ones count.
        long[] s = Arrays.stream(acquireSamples.clone()).filter(v -> v > 0).sorted().toArray();
        int count = s.length;
        Map<String, Integer> byCaller = new TreeMap<>();
        for (PooledConnection pc : physicals) {
            PooledConnection.Lease l = pc.current();
            if (l != null && l.caller() != null) {
                byCaller.merge(l.caller(), 1, Integer::sum);
            }
        }
        Map<EvictionReason, Long> ev = new EnumMap<>(EvictionReason.class);
        evictions.forEach((r, a) -> {
            if (a.sum() > 0) {
                ev.put(r, a.sum());
            }
        });
        return new PoolStats(maxSize,
                b == null ? 0 : b.getTotalConnections(), b == null ? 0 : b.getActiveConnections(),
                b == null ? 0 : b.getIdleConnections(), b == null ? 0 : b.getThreadsAwaitingConnection(),
                percentile(s, 0.50), percentile(s, 0.99), count == 0 ? Duration.ZERO : Duration.ofNanos(s[count - 1]),
                n, timeouts.sum(), byCaller, ev, leaks.sum());
    }

    private static Duration percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
    }
}
