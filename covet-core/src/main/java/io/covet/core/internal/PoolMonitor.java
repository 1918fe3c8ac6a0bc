package io.covet.core.internal;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.covet.core.pool.PoolStats;
import io.covet.core.pool.SizingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Samples one pool at its monitor interval on a daemon thread shared by every pool: fires exhaustion and
 * high-usage events once per episode, reports leaks once per lease, and feeds the sizing policy, applying its
 * decisions through HikariCP's runtime {@code setMaximumPoolSize}.
 */
final class PoolMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(PoolMonitor.class);
    private static final ScheduledExecutorService TIMER = timer();

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "covet-pool-monitor");
            t.setDaemon(true);
            return t;
        });
        // A closed pool's task goes at once, not at its next due time.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private final ManagedPool pool;
    private final long exhaustionNanos;
    private final long leakNanos;
    private final double highUsage;
    private final boolean dynamic;
    private long pendingSince = -1;
    private boolean exhaustedFired;
    private boolean highFired;
    private ScheduledFuture<?> task;

    private PoolMonitor(ManagedPool pool) {
        this.pool = pool;
        this.exhaustionNanos = pool.settings().exhaustionWindow().toNanos();
        this.leakNanos = pool.settings().leakThreshold().toNanos();
        this.highUsage = pool.settings().highUsageRatio();
        this.dynamic = pool.settings().sizing() instanceof SizingPolicy.Dynamic;
    }

    static PoolMonitor start(ManagedPool pool) {
        PoolMonitor m = new PoolMonitor(pool);
        long every = pool.settings().monitorInterval().toNanos();
        m.task = TIMER.scheduleWithFixedDelay(m::tickSafely, every, every, TimeUnit.NANOSECONDS);
        return m;
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("pool monitor of database '{}' failed", pool.database(), e);
        }
    }

    private void tick() {
        long now = System.nanoTime();
        pool.tick(now);
        HikariPoolMXBean b = pool.hikari().getHikariPoolMXBean();
        if (b == null) {
            return;
        }
        int active = b.getActiveConnections();
        int idle = b.getIdleConnections();
        int pending = b.getThreadsAwaitingConnection();
        if (pending > 0) {
            if (pendingSince < 0) {
                pendingSince = now;
            }
            if (!exhaustedFired && now - pendingSince >= exhaustionNanos) {
                exhaustedFired = true;
                pool.events().exhausted(pool.stats());
            }
        } else {
            pendingSince = -1;
            exhaustedFired = false;
        }
        if (active >= highUsage * pool.sizer.maximum()) {
            if (!highFired) {
                highFired = true;
                pool.events().highUsage(pool.stats());
            }
        } else {
            highFired = false;
        }
        if (leakNanos > 0) {
            for (PooledConnection pc : pool.physicals) {
                PooledConnection.Lease lease = pc.current();
                if (lease != null && pc.leakReported != lease && now - lease.at() >= leakNanos) {
                    pc.leakReported = lease;
                    pool.leaked();
                    pool.events().leak(PoolEvents.report(lease, now));
                }
            }
        }
        if (dynamic) {
            int before = pool.sizer.maximum();
            int after = pool.sizer.observe(now, idle, pending);
            if (after != before) {
                LOG.info("database '{}': pool maximum {} -> {} (dynamic sizing; {} waiting, {} idle)",
                        pool.database(), before, after, pending, idle);
                pool.hikari().getHikariConfigMXBean().setMaximumPoolSize(after);
            }
        }
    }
}
