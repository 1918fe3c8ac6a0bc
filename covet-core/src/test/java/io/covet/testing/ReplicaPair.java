package io.covet.testing;

import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch database on a real primary and the same database seen through its read replica, for one test. The
 * primary side is a {@link Scratch} (a new schema on PostgreSQL, a new database on MariaDB); the replica gets it
 * by replication, so {@link #replica()} and {@link #replicaUrl()} first wait until the replica has caught up.
 * Closing the pair (JUnit does so after each {@link ReplicaEngines} invocation) resumes a replay left paused,
 * closes the connections it opened and drops the scratch database.
 */
public final class ReplicaPair implements AutoCloseable {
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final Engine engine;
    private final Scratch scratch;
    private final List<Connection> opened = new ArrayList<>();
    private ReplicaControl control;
    private boolean replicaReady;

    ReplicaPair(Engine engine) {
        if (!ReplicaSource.REPLICATED.contains(engine)) {
            throw new IllegalArgumentException(engine.displayName() + " has no test replica");
        }
        this.engine = engine;
        this.scratch = Scratch.on(engine);
    }

    /** A pair on an engine, for tests that pick their engine themselves; the caller closes it. */
    public static ReplicaPair on(Engine engine) {
        return new ReplicaPair(engine);
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** The scratch database on the primary. */
    public Scratch scratch() {
        return scratch;
    }

    /** The Covet URL of the scratch database on the primary, creating it on first call. */
    public String primaryUrl() {
        return scratch.url();
    }

    /** The Covet URL of the same scratch database on the replica, once the replica has it. */
    public synchronized String replicaUrl() {
        String primary = primaryUrl();
        awaitReplica();
        String from = "@" + DatabaseUrl.parse(primary).location() + "/";
        String to = "@" + control().replicaServer().location() + "/";
        if (!primary.contains(from)) {
            throw new IllegalStateException("cannot find the primary's host:port in the scratch URL "
                    + DatabaseUrl.parse(primary));
        }
        return primary.replace(from, to);
    }

    /** The replication controller of this engine's test replica. */
    public synchronized ReplicaControl control() {
        if (control == null) {
            control = ReplicaControl.of(engine);
        }
        return control;
    }

    /** A new raw JDBC connection to the scratch database on the primary (autocommit); closed with the pair. */
    public synchronized Connection primary() throws SQLException {
        Connection c = scratch.rawConnection();
        opened.add(c);
        return c;
    }

    /**
     * A new raw JDBC connection to the scratch database on the replica (autocommit), after the replica has
     * replayed the scratch database's creation; closed with the pair.
     */
    public synchronized Connection replica() throws SQLException {
        primaryUrl();
        awaitReplica();
        DatabaseUrl scratchUrl = DatabaseUrl.parse(primaryUrl());
        DatabaseUrl server = control().replicaServer();
        String jdbc = switch (engine) {
            case POSTGRESQL -> "jdbc:postgresql://" + server.location() + "/" + scratchUrl.database()
                    + "?currentSchema=" + scratchUrl.parameters().get("currentSchema");
            default -> "jdbc:mariadb://" + server.location() + "/" + scratchUrl.database();
        };
        Connection c = ReplicaControl.connect(jdbc, server);
        opened.add(c);
        return c;
    }

    private void awaitReplica() {
        if (!replicaReady) {
            control().awaitCaughtUp(CATCH_UP);
            replicaReady = true;
        }
    }

    @Override
    public synchronized void close() throws Exception {
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection to a replica a test killed
            }
        }
        opened.clear();
        if (control != null) {
            control.resumeIfPaused();
        }
        scratch.close();
    }

    @Override
    public String toString() {
        return engine.displayName();
    }
}
