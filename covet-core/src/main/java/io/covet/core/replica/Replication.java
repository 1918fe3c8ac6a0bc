package io.covet.core.replica;

import io.covet.core.engine.Engine;
import io.covet.core.internal.ErrorTranslator;
import io.covet.core.internal.ReplicationSpecifics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * The replication primitives of one engine, run on connections the caller owns (borrowed from a pool or opened
 * directly; they are neither closed nor left in a transaction). Each call is one or a few small queries:
 *
 * <ul>
 *   <li>{@link #status}: is this node a primary or a replica, and does it refuse writes;</li>
 *   <li>{@link #lag}: how far a replica is behind its primary;</li>
 *   <li>{@link #capture}: the primary's position after a commit, as a {@link CausalToken};</li>
 *   <li>{@link #await}: wait until a replica has replayed a token's position, up to a timeout.</li>
 * </ul>
 *
 * <p>PostgreSQL (streaming standbys) and MariaDB (GTID replication) are supported; on SQLite, which has no
 * replicas, and on MySQL, whose GTIDs differ from MariaDB's, every method throws
 * {@link io.covet.core.error.UnsupportedFeature}. Driver failures are thrown as Covet's
 * {@link io.covet.core.error.DataAccessException}s; a node that is not what the method needs (lag or wait asked of
 * a primary) as {@link io.covet.core.error.ConfigurationException}. Thread-safe and stateless.
 */
public final class Replication {
    private final Engine engine;
    private final ReplicationSpecifics specifics;

    private Replication(Engine engine) {
        this.engine = engine;
        this.specifics = ReplicationSpecifics.of(engine);
    }

    /** The primitives for nodes of {@code engine}. Never fails: an engine without replicas fails on use. */
    public static Replication of(Engine engine) {
        return new Replication(Objects.requireNonNull(engine, "engine"));
    }

    /** The engine these primitives speak to. */
    public Engine engine() {
        return engine;
    }

    /**
     * What {@code node} is, read live from the server (PostgreSQL {@code pg_is_in_recovery()} and
     * {@code default_transaction_read_only}; MariaDB {@code SHOW SLAVE STATUS}, which needs the
     * {@code SLAVE MONITOR} privilege, and {@code @@global.read_only}).
     */
    public NodeStatus status(Connection node) {
        try {
            return specifics.status(node);
        } catch (SQLException e) {
            throw ErrorTranslator.translate(engine, null, e);
        }
    }

    /**
     * How far {@code replica} is behind {@code primary} now. The replica is read first, then the primary, so that
     * a commit between the two reads makes the lag look larger, never smaller. A replica is caught up when its
     * replay position has reached the primary's current position, whatever the clocks say.
     *
     * @throws io.covet.core.error.ConfigurationException when {@code replica} is not a replica or {@code primary}
     *                                                    is not a primary (or, on MariaDB, logs no binary log)
     */
    public ReplicaLag lag(Connection replica, Connection primary) {
        try {
            return specifics.lag(replica, primary);
        } catch (SQLException e) {
            throw ErrorTranslator.translate(engine, null, e);
        }
    }

    /**
     * The primary's position, to be taken on the connection that has just committed: on PostgreSQL the current
     * WAL insert position ({@code pg_current_wal_insert_lsn()}, which already covers an asynchronous commit); on
     * MariaDB the session's {@code @@last_gtid}, or the whole {@code @@gtid_binlog_pos} when the session has
     * committed nothing. A replica that has replayed the token shows that commit.
     *
     * @throws io.covet.core.error.ConfigurationException when {@code primary} is a PostgreSQL standby or a MariaDB
     *                                                    server without a binary log
     */
    public CausalToken capture(Connection primary) {
        try {
            return new CausalToken(engine, specifics.capture(primary));
        } catch (SQLException e) {
            throw ErrorTranslator.translate(engine, null, e);
        }
    }

    /**
     * Waits until {@code replica} has replayed {@code token}'s position, at most {@code timeout} (zero checks once
     * without waiting). PostgreSQL polls {@code pg_last_wal_replay_lsn()} with a backoff from 1 ms to 50 ms; MariaDB
     * waits inside the server with {@code MASTER_GTID_WAIT}. The replica is expected to replicate the primary that
     * issued the token.
     *
     * @return true when the replica has the position, false when the timeout passed first (or the thread was
     *         interrupted, whose flag is then set again)
     * @throws IllegalArgumentException                   when the token comes from another engine, or the timeout
     *                                                    is negative
     * @throws io.covet.core.error.ConfigurationException when {@code replica} is not a replica
     */
    public boolean await(Connection replica, CausalToken token, Duration timeout) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(timeout, "timeout");
        specifics.requireSupported();
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the wait for a causal token cannot have a negative timeout ("
                    + timeout + "); pass Duration.ZERO to check once");
        }
        if (token.engine().family() != engine.family()) {
            throw new IllegalArgumentException("causal token " + token + " comes from " + token.engine().displayName()
                    + " and cannot be waited for on " + engine.displayName()
                    + "; use the token captured on this replica's own primary");
        }
        try {
            return specifics.await(replica, token.position(), timeout);
        } catch (SQLException e) {
            throw ErrorTranslator.translate(engine, null, e);
        }
    }
}
