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
    final AtomicLong roleFailures = new AtomicLong();
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
        /** When its role was last verified ({@link System#nanoTime()}), for the periodic role check. */
        volatile long roleCheckedAt;
        /** Whether it is down because its role is wrong (a primary, or writable), not because it failed. */
        volatile boolean wrongRole;
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
     * Checks the role of every replica that is reachable on the live server and returns the set; a replica that
     * cannot be reached starts down (out of the rotation, logged once) and joins when the background check finds it
     * up and of the right role. The caller closes the pools when this throws.
     *
     * @param pools one per {@code config.nodes()}, in order
     * @param names {@code host:port} of each, for messages and metrics (covet-observe's
     *              {@code covet_replica_lag_seconds})
     * @throws ConfigurationException when a reachable node is a primary, a replica that accepts writes, or refuses
     *                                the credentials or database
     */
    public static ReplicaSet open(String database, Engine engine, ReplicaConfig config, DataSource primary,
                                  List<ManagedPool> pools, List<String> names) {
        Replication replication = Replication.of(engine);
        List<String> problems = new ArrayList<>();
        Node[] nodes = new Node[pools.size()];
        for (int i = 0; i < nodes.length; i++) {
            ReplicaConfig.Node n = config.nodes().get(i);
            nodes[i] = new Node(i, names.get(i), pools.get(i), n.weight(), n.maxLag());
            RoleCheck check = checkRole(replication, pools.get(i), database, i, names.get(i));
            if (!check.reachable()) {
                nodes[i].up = false;
                nodes[i].reason = "unreachable since the database opened: " + check.problem();
                LagMonitor.LOG.warn("database '{}': replica {} is unreachable ({}); it starts out of the rotation and "
                        + "joins once it is up and verified a read-only replica", database, names.get(i),
                        check.problem());
            } else if (check.problem() != null) {
                problems.add(check.problem());
            } else {
                nodes[i].roleCheckedAt = System.nanoTime();
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        if (config.heartbeat()) {
            try (Connection c = primary.getConnection()) {
                Heartbeat.create(c);
                Heartbeat.beat(c);
            } catch (SQLException e) {
                throw new ConfigurationException("database '" + database + "': the replica heartbeat table "
                        + Heartbeat.TABLE + " cannot be created or written on the primary (" + e.getMessage()
                        + "): grant the user CREATE and INSERT/UPDATE on it, or leave replica.heartbeat off");
            }
        }
        ReplicaSet set = new ReplicaSet(database, engine, config, replication, primary, nodes);
        set.monitor = LagMonitor.start(set);
        return set;
    }

    /**
     * What a role check found.
     *
     * @param reachable false when no connection could be opened for a reason that may pass (server down, network)
     * @param problem   why the node cannot serve as a replica (or, unreachable, why it could not be reached); null
     *                  when it is a reachable read-only replica
     */
    record RoleCheck(boolean reachable, String problem) {
        boolean ok() {
            return reachable && problem == null;
        }
    }

    /** Whether node {@code i} is reachable and a read-only replica. */
    static RoleCheck checkRole(Replication replication, DataSource pool, String database, int i, String name) {
        String which = "replica #" + (i + 1) + " of database '" + database + "' (" + name + ")";
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException | RuntimeException e) {
            SQLException refusal = refusal(e);
            if (refusal != null) {
                return new RoleCheck(true, which + " refused the connection (SQLSTATE " + refusal.getSQLState()
                        + "): " + firstLine(refusal.getMessage()) + "; check the replica URL's user, password and "
                        + "database");
            }
            return new RoleCheck(false, firstLine(rootMessage(e)));
        }
        try (c) {
            NodeStatus s = replication.status(c);
            if (s.role() == NodeRole.PRIMARY) {
                return new RoleCheck(true, which + " is a primary, not a replica: list only streaming standbys / "
                        + "GTID replicas under replicas, and the primary as url");
            }
            if (s.writableReplica()) {
                return new RoleCheck(true, which + " replicates but accepts writes (read_only is off): a write sent "
                        + "to it would be lost to the primary and break replication; set read_only=1 on it");
            }
            return new RoleCheck(true, null);
        } catch (SQLException | RuntimeException e) {
            if (connectionLost(e)) {
                return new RoleCheck(false, firstLine(rootMessage(e)));
            }
            return new RoleCheck(true, which + " cannot be checked: " + e.getMessage());
        }
    }

    /** Whether {@code e} is the loss of the connection (SQLSTATE class 08), not an answer of the server. */
    private static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.covet.core.error.ConnectionFailure
                    || (t instanceof SQLException se && se.getSQLState() != null && se.getSQLState().startsWith("08"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The server's refusal of the login or of the database in {@code e}'s causes (SQLSTATE class 28, invalid
     * authorization, or 3D, invalid catalog; MariaDB's unknown database 1049), which no waiting will cure; null
     * when the failure is of the kind that passes (refused connection, timeout, server starting).
     */
    private static SQLException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && se.getSQLState() != null
                    && (se.getSQLState().startsWith("28") || se.getSQLState().startsWith("3D")
                    || se.getErrorCode() == 1049 || se.getErrorCode() == 1045)) {
                return se;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
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

    /**
     * Takes a replica out because it is no longer a read-only replica (promoted, or made writable): logged and
     * counted once per change; the background check brings it back once its role is right again.
     */
    void wrongRole(Node node, String problem) {
        node.reason = problem;
        node.up = false;
        if (!node.wrongRole) {
            node.wrongRole = true;
            roleFailures.incrementAndGet();
            LagMonitor.LOG.warn("database '{}': replica {} left the rotation: {}", database, node.name, problem);
        }
    }

    static String firstLine(String s) {
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
    public long roleFailures() {
        return roleFailures.get();
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
