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
 * again. One query or two per replica per interval, and every {@code roleCheckInterval} a role check of each serving
 * replica (a standby promoted to primary, or a replica made writable, leaves the rotation, logged and counted in
 * {@code Replicas.roleFailures()}). Not an API.
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
        m.check(false); // replicas found down at open were tried just now: the next round re-checks them
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
        check(true);
    }

    private void check(boolean recheckDown) {
        Connection primary = null;
        long roleEvery = set.config.roleCheckInterval().toNanos();
        try {
            for (ReplicaSet.Node n : set.nodes) {
                if (!n.up) {
                    if (recheckDown) {
                        recheck(n);
                    }
                } else if (System.nanoTime() - n.roleCheckedAt >= roleEvery) {
                    verifyRole(n);
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
            if (set.config.heartbeat()) {
                // after the measures: a replica that keeps up has this beat by the next round
                if (primary == null) {
                    primary = set.primary.getConnection();
                }
                Heartbeat.beat(primary);
            }
        } catch (SQLException e) {
            LOG.debug("database '{}': the replica heartbeat could not be written: {}", set.database, e.getMessage());
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

    /** A down replica: back in when reachable and a read-only replica again (its role verified first). */
    private void recheck(ReplicaSet.Node n) {
        ReplicaSet.RoleCheck check = ReplicaSet.checkRole(set.replication, n.pool, set.database, n.index, n.name);
        if (check.ok()) {
            n.roleCheckedAt = System.nanoTime();
            n.wrongRole = false;
            n.up = true;
            LOG.info("database '{}': replica {} is reachable and verified a read-only replica; it serves again",
                    set.database, n.name);
        } else if (check.reachable()) {
            set.wrongRole(n, check.problem());
        } else if (!n.wrongRole && n.reason != null && n.reason.startsWith("unreachable")) {
            n.reason = "unreachable since the database opened: " + check.problem();
        }
    }

    /** A serving replica's periodic role check: a promoted or writable one leaves the rotation. */
    private void verifyRole(ReplicaSet.Node n) {
        ReplicaSet.RoleCheck check = ReplicaSet.checkRole(set.replication, n.pool, set.database, n.index, n.name);
        if (check.ok()) {
            n.roleCheckedAt = System.nanoTime();
        } else if (check.reachable()) {
            set.wrongRole(n, check.problem());
        } else {
            set.failed(n, new RuntimeException(check.problem()));
        }
    }

    /** The heartbeat's lag of a replica behind, or {@code fallback} when its row cannot be read. */
    private long heartbeatDelay(ReplicaSet.Node n, Connection primary, long fallback) {
        try (Connection r = n.pool.getConnection()) {
            long d = Heartbeat.delayNanos(r, primary);
            return d < 0 ? fallback : d;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("database '{}': heartbeat of replica {} not read: {}", set.database, n.name, e.getMessage());
            return fallback;
        }
    }

    private void measure(ReplicaSet.Node n, Connection primary) {
        ReplicaLag lag;
        try (Connection r = n.pool.getConnection()) {
            lag = set.replication.lag(r, primary);
        } catch (SQLException e) {
            set.failed(n, new RuntimeException(e.getMessage(), e));
            return;
        } catch (io.covet.core.error.ConfigurationException e) {
            // the lag query found no replica there (a promoted standby): confirm by its role
            verifyRole(n);
            if (n.up) {
                set.failed(n, e);
            }
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
            if (set.config.heartbeat()) {
                delay = heartbeatDelay(n, primary, delay);
            }
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
