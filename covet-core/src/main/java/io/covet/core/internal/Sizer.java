package io.covet.core.internal;

import io.covet.core.pool.SizingPolicy;

/**
 * A sizing policy's decisions as a pure function of the samples it observes: no clock, no pool. The monitor feeds
 * it one sample per interval and applies {@link #maximum()} to HikariCP; a returned connection is closed while
 * the pool holds more than {@link #keepAtMost()}. Not thread-safe (only the monitor calls {@link #observe}).
 */
public final class Sizer {
    private final SizingPolicy policy;
    private final int base;
    private volatile int target;
    private long pendingSince = -1;
    private long quietSince = -1;

    /**
     * @param policy the policy
     * @param base   the configured maximum size (the base size for overflow and dynamic)
     */
    public Sizer(SizingPolicy policy, int base) {
        this.policy = policy;
        this.base = base;
        this.target = policy instanceof SizingPolicy.Overflow o ? base + o.extra() : base;
    }

    /** The maximum HikariCP should have now. */
    public int maximum() {
        return target;
    }

    /** A connection returned while the pool holds more than this is closed instead of kept. */
    public int keepAtMost() {
        return policy instanceof SizingPolicy.Overflow ? base : target;
    }

    /**
     * Takes one sample of the pool and returns the maximum the pool should have after it.
     *
     * @param nanos   when the sample was taken ({@link System#nanoTime()} or a scripted clock)
     * @param idle    idle connections
     * @param pending callers waiting for a connection
     */
    public int observe(long nanos, int idle, int pending) {
        if (!(policy instanceof SizingPolicy.Dynamic d)) {
            return target;
        }
        if (pending > d.pendingThreshold()) {
            quietSince = -1;
            if (pendingSince < 0) {
                pendingSince = nanos;
            }
            if (nanos - pendingSince >= d.growAfter().toNanos() && target < d.ceiling()) {
                change(Math.min(d.ceiling(), target + d.step()));
            }
        } else {
            pendingSince = -1;
            if (pending == 0 && idle >= d.step() && target > base) {
                if (quietSince < 0) {
                    quietSince = nanos;
                }
                if (nanos - quietSince >= d.shrinkAfter().toNanos()) {
                    change(Math.max(base, target - d.step()));
                }
            } else {
                quietSince = -1;
            }
        }
        return target;
    }

    private void change(int to) {
        target = to;
        // Both clocks restart after a change, so the next one needs a whole window of new evidence.
        pendingSince = -1;
        quietSince = -1;
    }
}
