package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.core.error.DataAccessException;
import io.covet.core.replica.NodeRole;
import io.covet.core.replica.NodeStatus;
import io.covet.core.replica.ReplicaLag;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * MariaDB GTID replication: a replica is a server with a configured source ({@code SHOW SLAVE STATUS} has a row
 * naming a host); positions are GTID lists ({@code domain-server-sequence}, one per replication domain, comma
 * separated). Only the default (unnamed) replication connection is read; multi-source setups are not covered.
 */
final class MariaDbReplication implements ReplicationSpecifics {
    static final MariaDbReplication INSTANCE = new MariaDbReplication();

    private static final Pattern GTID_LIST = Pattern.compile("(\\d{1,10}-\\d{1,10}-\\d{1,20}(,\\d{1,10}-\\d{1,10}-\\d{1,20})*)?");

    private MariaDbReplication() {
    }

    /** One row of SHOW SLAVE STATUS, or null when the server replicates from no one. */
    private record Source(boolean sqlRunning, Long secondsBehind) {
    }

    private static Source source(Connection node) throws SQLException {
        try (Statement s = node.createStatement(); ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return null;
            }
            String host = rs.getString("Master_Host");
            if (host == null || host.isEmpty()) {
                return null;
            }
            long seconds = rs.getLong("Seconds_Behind_Master");
            Long behind = rs.wasNull() ? null : seconds;
            return new Source("Yes".equalsIgnoreCase(rs.getString("Slave_SQL_Running")), behind);
        }
    }

    @Override
    public NodeStatus status(Connection node) throws SQLException {
        boolean readOnly;
        try (Statement s = node.createStatement(); ResultSet rs = s.executeQuery("SELECT @@global.read_only")) {
            rs.next();
            readOnly = rs.getBoolean(1);
        }
        return new NodeStatus(Engine.MARIADB, source(node) == null ? NodeRole.PRIMARY : NodeRole.REPLICA, readOnly);
    }

    @Override
    public ReplicaLag lag(Connection replica, Connection primary) throws SQLException {
        Source source = source(replica);
        if (source == null) {
            throw notAReplica("lag was asked of", replica);
        }
        String applied = scalar(replica, "SELECT @@global.gtid_slave_pos");
        String logged = binlogPosition(primary, "lag was measured against");
        Map<Long, Long> done = sequences(applied);
        long behind = 0;
        for (Map.Entry<Long, Long> e : sequences(logged).entrySet()) {
            behind += Math.max(0, e.getValue() - done.getOrDefault(e.getKey(), 0L));
        }
        Optional<Duration> delay = behind == 0 ? Optional.of(Duration.ZERO)
                : Optional.ofNullable(source.secondsBehind()).map(Duration::ofSeconds);
        return new ReplicaLag(behind == 0, source.sqlRunning(), OptionalLong.empty(), OptionalLong.of(behind), delay);
    }

    @Override
    public String capture(Connection primary) throws SQLException {
        String last = scalar(primary, "SELECT @@session.last_gtid");
        if (last != null && !last.isEmpty()) {
            return last;
        }
        return binlogPosition(primary, "a causal token was asked of");
    }

    /** The primary's whole binary log position; refuses a server that keeps no binary log. */
    private static String binlogPosition(Connection primary, String what) throws SQLException {
        try (Statement s = primary.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@global.log_bin, @@global.gtid_binlog_pos, @@port")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new ConfigurationException(what + " the MariaDB server on port " + rs.getString(3)
                        + ", which keeps no binary log (log_bin is OFF), so it is no replication primary: pass a "
                        + "connection to the primary, and start it with --log-bin and a server-id");
            }
            String pos = rs.getString(2);
            return pos == null ? "" : pos;
        }
    }

    @Override
    public boolean await(Connection replica, String position, Duration timeout) throws SQLException {
        if (position.isEmpty()) {
            return true;
        }
        try (PreparedStatement ps = replica.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
            ps.setString(1, position);
            ps.setBigDecimal(2, BigDecimal.valueOf(Math.min(timeout.toNanos(), Long.MAX_VALUE / 4), 9));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int result = rs.getInt(1);
                if (rs.wasNull()) {
                    throw new DataAccessException("MASTER_GTID_WAIT('" + position + "') returned NULL: the server "
                            + "refused the position", Engine.MARIADB, null, null);
                }
                if (result == 0) {
                    return true;
                }
            }
        }
        // A timeout: tell a slow replica from a server that will never replay anything.
        if (source(replica) == null) {
            throw notAReplica("a causal token was awaited on", replica);
        }
        return false;
    }

    @Override
    public boolean isPosition(String text) {
        return GTID_LIST.matcher(text).matches();
    }

    @Override
    public String positionForm() {
        return "a GTID list such as 0-1-42 or 0-1-42,1-2-7";
    }

    /** Domain → sequence number of a GTID list. */
    static Map<Long, Long> sequences(String gtids) {
        Map<Long, Long> result = new HashMap<>();
        if (gtids == null || gtids.isBlank()) {
            return result;
        }
        for (String gtid : gtids.split(",")) {
            String[] parts = gtid.strip().split("-");
            result.merge(Long.parseLong(parts[0]), Long.parseLong(parts[2]), Math::max);
        }
        return result;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static ConfigurationException notAReplica(String what, Connection node) throws SQLException {
        return new ConfigurationException(what + " the MariaDB server on port " + scalar(node, "SELECT @@port")
                + ", which is not a replica (SHOW SLAVE STATUS names no source): pass a connection to a replica "
                + "that replicates the primary with CHANGE MASTER TO … MASTER_USE_GTID=slave_pos");
    }
}
