package io.covet.core.internal;

import io.covet.core.replica.ReplicaLag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background thread of one database with replicas (one daemon thread per database): every
 * {@code lagCheckInterval} it measures each replica's lag against the primary, takes a replica over its maximum
 * lag out of the rotation and brings it back once under half of it (hysteresis, so that a replica hovering at the
 * limit does not flap), and re-checks a failed replica (reachable, still a read-only replica) before it serves
 * again. One query or two per replica per interval. Not an API.
 *
 * <p>The lag kept is an upper bound of how stale the replica's data is: zero when its replay position has reached
 * the primary's; otherwise the smaller of the engine's delay ({@link ReplicaLag#delay()}) and the time since it
 * was last seen caught up. An idle primary therefore never makes a replica look late.
 */
final class LagMonitor {
    static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);

    private final ReplicaSet set;
    private final ScheduledExecutorService thread;
    private final long[] lastCaughtUp;

    private LagMonitor(ReplicaSet set) {
        this.set = set;
        this.lastCaughtUp = new long[set.nodes.length];
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "covet-replica-lag-" + set.database);
            t.setDaemon(true);
            return t;
        });
    }

    static LagMonitor start(ReplicaSet set) {
        LagMonitor m = new LagMonitor(set);
        m.check();
        long every = set.config.lagCheckInterval().toNanos();
        m.thread.scheduleWithFixedDelay(m::check, every, every, TimeUnit.NANOSECONDS);
        return m;
    }

    void stop() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One round over every replica; never throws (a scheduled task that throws is never run again). */
    void check() {
        Connection primary = null;
        try {
            for (ReplicaSet.Node n : set.nodes) {
                if (!n.up) {
                    recheck(n);
                }
                if (n.up) {
                    if (primary == null) {
                        try {
                            primary = set.primary.getConnection();
                        } catch (SQLException | RuntimeException e) {
                            // the primary is down: lag cannot be measured, the replicas keep their last state
                            LOG.debug("database '{}': no primary connection to measure replica lag", set.database);
                            return;
                        }
                    }
                    measure(n, primary);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("database '{}': replica lag check failed", set.database, e);
        } finally {
            if (primary != null) {
                try {
                    primary.close();
                } catch (SQLException ignored) {
                    // returning the connection to its pool; the pool handles a broken one
                }
            }
        }
    }

    private void recheck(ReplicaSet.Node n) {
        String problem = ReplicaSet.roleProblem(set.replication, n.pool, set.database, n.index, n.name);
        if (problem == null) {
            n.up = true;
            LOG.info("database '{}': replica {} is reachable again", set.database, n.name);
        } else {
            n.reason = problem;
        }
    }

    private void measure(ReplicaSet.Node n, Connection primary) {
        ReplicaLag lag;
        try (Connection r = n.pool.getConnection()) {
            lag = set.replication.lag(r, primary);
        } catch (SQLException e) {
            set.failed(n, new RuntimeException(e.getMessage(), e));
            return;
        } catch (RuntimeException e) {
            set.failed(n, e);
            return;
        }
        long now = System.nanoTime();
        long bound;
        if (lag.caughtUp()) {
            bound = 0;
            lastCaughtUp[n.index] = now;
        } else {
            long delay = lag.delay().map(Duration::toNanos).orElse(-1L);
            long since = lastCaughtUp[n.index] == 0 ? -1 : now - lastCaughtUp[n.index];
            bound = delay < 0 ? since : since < 0 ? delay : Math.min(delay, since);
        }
        n.lagNanos = bound;
        n.measuredAt = now;
        if (n.inRotation && (bound < 0 || bound > n.maxLagNanos)) {
            n.reason = bound < 0 ? "lag unknown (replay stopped before the first measurement)"
                    : "lag " + Duration.ofNanos(bound).toMillis() + " ms over its maximum "
                    + Duration.ofNanos(n.maxLagNanos).toMillis() + " ms";
            n.inRotation = false;
            LOG.warn("database '{}': replica {} left the rotation: {}", set.database, n.name, n.reason);
        } else if (!n.inRotation && bound >= 0 && bound <= n.maxLagNanos / 2) {
            n.inRotation = true;
            LOG.info("database '{}': replica {} is back in rotation (lag {} ms)", set.database, n.name,
                    Duration.ofNanos(bound).toMillis());
        }
    }
}
