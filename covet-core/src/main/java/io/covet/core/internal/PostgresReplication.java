package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.core.replica.NodeRole;
import io.covet.core.replica.NodeStatus;
import io.covet.core.replica.ReplicaLag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * PostgreSQL streaming replication: a standby is a server in recovery; positions are WAL LSNs ({@code X/Y}, two
 * hexadecimal halves of a 64-bit byte offset).
 */
final class PostgresReplication implements ReplicationSpecifics {
    static final PostgresReplication INSTANCE = new PostgresReplication();

    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");
    private static final long FIRST_SLEEP_NANOS = 1_000_000L;
    private static final long MAX_SLEEP_NANOS = 50_000_000L;

    private PostgresReplication() {
    }

    @Override
    public NodeStatus status(Connection node) throws SQLException {
        try (Statement s = node.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), "
                     + "current_setting('default_transaction_read_only') = 'on'")) {
            rs.next();
            boolean recovery = rs.getBoolean(1);
            return new NodeStatus(Engine.POSTGRESQL, recovery ? NodeRole.REPLICA : NodeRole.PRIMARY,
                    recovery || rs.getBoolean(2));
        }
    }

    @Override
    public ReplicaLag lag(Connection replica, Connection primary) throws SQLException {
        long replayed;
        boolean paused;
        Long sinceReplayMicros;
        try (Statement s = replica.createStatement();
             // pg_is_wal_replay_paused() fails outside recovery: the CASE keeps it from running on a primary.
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, "
                     + "CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END, "
                     + "(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000000)::bigint, "
                     + "inet_server_port()")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw notA("replica", "lag was asked of", rs.getString(5), "pg_is_in_recovery() is false");
            }
            String lsn = rs.getString(2);
            replayed = lsn == null ? 0 : lsn(lsn);
            paused = rs.getBoolean(3);
            long micros = rs.getLong(4);
            sinceReplayMicros = rs.wasNull() ? null : Math.max(0, micros);
        }
        long current = insertPosition(primary, "lag was measured against");
        long behind = Math.max(0, current - replayed);
        Optional<Duration> delay = behind == 0 ? Optional.of(Duration.ZERO)
                : Optional.ofNullable(sinceReplayMicros).map(m -> Duration.ofNanos(m * 1000));
        return new ReplicaLag(behind == 0, !paused, OptionalLong.of(behind), OptionalLong.empty(), delay);
    }

    @Override
    public String capture(Connection primary) throws SQLException {
        return lsnText(insertPosition(primary, "a causal token was asked of"));
    }

    /** pg_current_wal_insert_lsn(): includes records an asynchronous commit has not written out yet. */
    private static long insertPosition(Connection primary, String what) throws SQLException {
        try (Statement s = primary.createStatement();
             ResultSet rs = s.executeQuery("SELECT CASE WHEN NOT pg_is_in_recovery() "
                     + "THEN pg_current_wal_insert_lsn()::text END, inet_server_port()")) {
            rs.next();
            String lsn = rs.getString(1);
            if (lsn == null) {
                throw notA("primary", what, rs.getString(2), "it is a standby in recovery");
            }
            return lsn(lsn);
        }
    }

    @Override
    public boolean await(Connection replica, String position, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        long sleep = FIRST_SLEEP_NANOS;
        try (PreparedStatement ps = replica.prepareStatement("SELECT pg_is_in_recovery(), "
                + "pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn), inet_server_port()")) {
            ps.setString(1, position);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw notA("replica", "a causal token was awaited on", rs.getString(3),
                                "pg_is_in_recovery() is false");
                    }
                    if (rs.getBoolean(2)) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    long nanos = Math.min(sleep, left);
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                sleep = Math.min(sleep * 2, MAX_SLEEP_NANOS);
            }
        }
    }

    @Override
    public boolean isPosition(String text) {
        return LSN.matcher(text).matches();
    }

    @Override
    public String positionForm() {
        return "a WAL LSN such as 0/3000148";
    }

    static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    static String lsnText(long lsn) {
        return (Long.toHexString(lsn >>> 32) + "/" + Long.toHexString(lsn & 0xFFFFFFFFL)).toUpperCase(Locale.ROOT);
    }

    private static ConfigurationException notA(String expected, String what, String port, String why) {
        return new ConfigurationException(what + " the PostgreSQL server" + (port == null ? "" : " on port " + port)
                + ", which is not a " + expected + " (" + why + "): pass a connection to "
                + ("replica".equals(expected) ? "a streaming standby of the primary" : "the primary"));
    }
}
