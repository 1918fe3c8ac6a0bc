package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.replica.NodeStatus;
import io.covet.core.replica.ReplicaLag;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How each engine reports and waits on replication, behind {@link io.covet.core.replica.Replication}: one
 * implementation per engine family ({@link PostgresReplication}, {@link MariaDbReplication}), and
 * {@link UnsupportedReplication} for engines without replicas. Kept apart from {@link EngineSpecifics}, whose
 * concern is one connection's statements; {@link #of} picks by engine the same way. Positions travel as the
 * engine's own text (an LSN, a GTID list). Not an API.
 */
public interface ReplicationSpecifics {

    /** The implementation for an engine. */
    static ReplicationSpecifics of(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> PostgresReplication.INSTANCE;
            case MARIADB -> MariaDbReplication.INSTANCE;
            case SQLITE -> new UnsupportedReplication(engine, "SQLite is an embedded file database without "
                    + "replicas: use PostgreSQL (streaming standbys) or MariaDB (GTID replicas) for read replicas");
            case MYSQL -> new UnsupportedReplication(engine, "Covet's replication primitives read MariaDB's GTIDs "
                    + "(@@gtid_slave_pos, MASTER_GTID_WAIT), which MySQL does not have: use MariaDB or PostgreSQL");
        };
    }

    /** Throws {@link io.covet.core.error.UnsupportedFeature} when the engine has no replicas; otherwise nothing. */
    default void requireSupported() {
    }

    /** The node's role and read-only state. */
    NodeStatus status(Connection node) throws SQLException;

    /** The replica's lag behind the primary; reads the replica first. */
    ReplicaLag lag(Connection replica, Connection primary) throws SQLException;

    /** The primary's position after the session's last commit, in the engine's text form. */
    String capture(Connection primary) throws SQLException;

    /** Waits until the replica has replayed {@code position}, at most {@code timeout}; whether it did. */
    boolean await(Connection replica, String position, Duration timeout) throws SQLException;

    /** Whether {@code text} is a position in this engine's text form. */
    boolean isPosition(String text);

    /** The position's form, for messages, e.g. {@code "a WAL LSN such as 0/3000148"}. */
    String positionForm();
}
