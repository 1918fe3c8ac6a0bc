package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.core.replica.NodeRole;
import io.covet.core.replica.NodeStatus;
import io.covet.core.replica.ReplicaConfig;
import io.covet.core.replica.ReplicaStatus;
import io.covet.core.replica.Replicas;
import io.covet.core.replica.Replication;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replicas of one database: a pool per replica, each replica's health, rotation and lag, and the choice of a
 * replica for one read by the configured balancing. The lag itself is measured by {@link LagMonitor}. Not an API.
 */
public final class ReplicaSet implements Replicas {
    final String database;
    final Engine engine;
    final ReplicaConfig config;
    final Replication replication;
    final DataSource primary;
    final Node[] nodes;
    private final AtomicInteger turn = new AtomicInteger();
    final AtomicLong primaryFallbacks = new AtomicLong();
    final AtomicLong rywFallbacks = new AtomicLong();
    private LagMonitor monitor;

    /** One replica and what is known about it; fields written by reads (failures) and the lag monitor. */
    static final class Node {
        final int index;
        final String name;
        final ManagedPool pool;
        final int weight;
        final long maxLagNanos;
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicLong reads = new AtomicLong();
        volatile boolean up = true;
        volatile boolean inRotation = true;
        /** The last measured lag in nanoseconds: an upper bound of staleness; -1 unknown. */
        volatile long lagNanos = -1;
        /** When {@link #lagNanos} was measured ({@link System#nanoTime()}). */
        volatile long measuredAt;
        volatile String reason;
        int currentWeight; // smooth weighted round robin, under the set's lock

        Node(int index, String name, ManagedPool pool, int weight, Duration maxLag) {
            this.index = index;
            this.name = name;
            this.pool = pool;
            this.weight = weight;
            this.maxLagNanos = maxLag.toNanos();
        }

        boolean serving() {
            return up && inRotation;
        }

        /** Whether its data is at most {@code boundNanos} old now, by the last measurement and its age. */
        boolean within(long boundNanos, long now) {
            long lag = lagNanos;
            return lag >= 0 && lag + (now - measuredAt) <= boundNanos;
        }
    }

    /**
     * Checks every replica's role on the live server and returns the set; the caller closes the pools when this
     * throws.
     *
     * @param pools one per {@code config.nodes()}, in order
     * @param names {@code host:port} of each, for messages and metrics (covet-observe's
     *              {@code covet_replica_lag_seconds})
     * @throws ConfigurationException when a node is a primary, or a replica that accepts writes
     */
    public static ReplicaSet open(String database, Engine engine, ReplicaConfig config, DataSource primary,
                                  List<ManagedPool> pools, List<String> names) {
        Replication replication = Replication.of(engine);
        List<String> problems = new ArrayList<>();
        Node[] nodes = new Node[pools.size()];
        for (int i = 0; i < nodes.length; i++) {
            ReplicaConfig.Node n = config.nodes().get(i);
            nodes[i] = new Node(i, names.get(i), pools.get(i), n.weight(), n.maxLag());
            String problem = roleProblem(replication, pools.get(i), database, i, names.get(i));
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        ReplicaSet set = new ReplicaSet(database, engine, config, replication, primary, nodes);
        set.monitor = LagMonitor.start(set);
        return set;
    }

    /** Why node {@code i} cannot serve as a replica, or null when it can. */
    static String roleProblem(Replication replication, DataSource pool, String database, int i, String name) {
        try (Connection c = pool.getConnection()) {
            NodeStatus s = replication.status(c);
            if (s.role() == NodeRole.PRIMARY) {
                return "replica #" + (i + 1) + " of database '" + database + "' (" + name + ") is a primary, not a "
                        + "replica: list only streaming standbys / GTID replicas under replicas, and the primary as url";
            }
            if (s.writableReplica()) {
                return "replica #" + (i + 1) + " of database '" + database + "' (" + name + ") replicates but "
                        + "accepts writes (read_only is off): a write sent to it would be lost to the primary and break "
                        + "replication; set read_only=1 on it";
            }
            return null;
        } catch (SQLException e) {
            return "replica #" + (i + 1) + " of database '" + database + "' (" + name + ") cannot be checked: "
                    + e.getMessage();
        } catch (RuntimeException e) {
            return "replica #" + (i + 1) + " of database '" + database + "' (" + name + ") cannot be checked: "
                    + e.getMessage();
        }
    }

    private ReplicaSet(String database, Engine engine, ReplicaConfig config, Replication replication,
                       DataSource primary, Node[] nodes) {
        this.database = database;
        this.engine = engine;
        this.config = config;
        this.replication = replication;
        this.primary = primary;
        this.nodes = nodes;
    }

    /**
     * A replica for one read by the configured balancing, among those up, in rotation (unless {@code anyLag}),
     * within {@code boundNanos} (negative: no bound) and not in {@code tried} (a bit per replica); null when none.
     */
    Node pick(long boundNanos, long tried, boolean anyLag) {
        long now = boundNanos >= 0 ? System.nanoTime() : 0;
        int n = nodes.length;
        switch (config.balancing()) {
            case WEIGHTED -> {
                synchronized (this) {
                    Node best = null;
                    int total = 0;
                    for (Node x : nodes) {
                        if (eligible(x, boundNanos, tried, anyLag, now)) {
                            x.currentWeight += x.weight;
                            total += x.weight;
                            if (best == null || x.currentWeight > best.currentWeight) {
                                best = x;
                            }
                        }
                    }
                    if (best != null) {
                        best.currentWeight -= total;
                    }
                    return best;
                }
            }
            case LEAST_OUTSTANDING -> {
                int start = Math.floorMod(turn.getAndIncrement(), n);
                Node best = null;
                for (int k = 0; k < n; k++) {
                    Node x = nodes[(start + k) % n];
                    if (eligible(x, boundNanos, tried, anyLag, now)
                            && (best == null || x.outstanding.get() < best.outstanding.get())) {
                        best = x;
                    }
                }
                return best;
            }
            default -> {
                int start = Math.floorMod(turn.getAndIncrement(), n);
                for (int k = 0; k < n; k++) {
                    Node x = nodes[(start + k) % n];
                    if (eligible(x, boundNanos, tried, anyLag, now)) {
                        return x;
                    }
                }
                return null;
            }
        }
    }

    private static boolean eligible(Node x, long boundNanos, long tried, boolean anyLag, long now) {
        return x.up && (anyLag || x.inRotation) && (tried & (1L << x.index)) == 0
                && (boundNanos < 0 || x.within(boundNanos, now));
    }

    /** Takes a replica out after a failure; the lag monitor re-checks it and brings it back. */
    void failed(Node node, RuntimeException e) {
        if (node.up) {
            node.reason = "failed: " + e.getClass().getSimpleName() + " (" + firstLine(e.getMessage()) + ")";
            node.up = false;
            LagMonitor.LOG.warn("database '{}': replica {} left the rotation after a failure ({}); re-checked in the "
                    + "background", database, node.name, e.getClass().getSimpleName());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public List<ReplicaStatus> status() {
        List<ReplicaStatus> out = new ArrayList<>(nodes.length);
        for (Node n : nodes) {
            long lag = n.lagNanos;
            out.add(new ReplicaStatus(n.name, n.up, n.inRotation, lag < 0 ? Optional.empty()
                    : Optional.of(Duration.ofNanos(lag)), n.reads.get(), n.outstanding.get(),
                    n.serving() ? Optional.empty() : Optional.ofNullable(n.reason)));
        }
        return List.copyOf(out);
    }

    @Override
    public long primaryFallbacks() {
        return primaryFallbacks.get();
    }

    @Override
    public long readYourWritesFallbacks() {
        return rywFallbacks.get();
    }

    @Override
    public ReplicaConfig config() {
        return config;
    }

    /** Stops the lag monitor and closes every replica's pool. */
    public void close() {
        if (monitor != null) {
            monitor.stop();
        }
        for (Node n : nodes) {
            n.pool.close();
        }
    }

    @Override
    public String toString() {
        return "Replicas[" + database + ", " + status() + "]";
    }
}
