package io.covet.core.replica;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.testing.ReplicaControl;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replication primitives on the real test replicas (a PostgreSQL streaming standby, a MariaDB GTID replica),
 * with lag forced by pausing replay on the replica.
 */
class ReplicationTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The measure that grows with pending changes on this engine. */
    private static long behind(ReplicaLag lag, Engine engine) {
        return engine == Engine.POSTGRESQL ? lag.bytesBehind().orElseThrow() : lag.transactionsBehind().orElseThrow();
    }

    @ReplicaEngines
    void tellsPrimaryFromReplica(ReplicaPair pair) throws Exception {
        Replication replication = Replication.of(pair.engine());
        NodeStatus primary = replication.status(pair.primary());
        NodeStatus replica = replication.status(pair.replica());

        assertThat(primary).isEqualTo(new NodeStatus(pair.engine(), NodeRole.PRIMARY, false));
        assertThat(replica).isEqualTo(new NodeStatus(pair.engine(), NodeRole.REPLICA, true));
        assertThat(replica.writableReplica()).isFalse();
    }

    @ReplicaEngines
    void aPrimaryListedAsReplicaIsRefused(ReplicaPair pair) throws Exception {
        Replication replication = Replication.of(pair.engine());
        Connection primary = pair.primary();
        CausalToken token = replication.capture(primary);

        assertThatThrownBy(() -> replication.lag(primary, pair.primary()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("which is not a replica")
                .hasMessageContaining("port " + pair.control().primaryServer().port());
        assertThatThrownBy(() -> replication.await(primary, token, Duration.ZERO))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("which is not a replica");
    }

    @ReplicaEngines
    void capturingOnAReplicaIsRefused(ReplicaPair pair) throws Exception {
        Replication replication = Replication.of(pair.engine());
        Connection replica = pair.replica();
        if (pair.engine() == Engine.POSTGRESQL) {
            assertThatThrownBy(() -> replication.capture(replica))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("which is not a primary (it is a standby in recovery)");
        } else {
            // The test replica keeps no binary log of its own, so it has no position to hand out.
            assertThatThrownBy(() -> replication.capture(replica))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("keeps no binary log");
        }
    }

    @ReplicaEngines
    void readOnlyAndWritableNodesAreReported(ReplicaPair pair) throws Exception {
        Replication replication = Replication.of(pair.engine());
        if (pair.engine() == Engine.POSTGRESQL) {
            // A standby cannot be made writable; a primary can refuse writes by default and stays a primary.
            Connection primary = pair.primary();
            exec(primary, "SET default_transaction_read_only = on");
            assertThat(replication.status(primary)).isEqualTo(new NodeStatus(Engine.POSTGRESQL, NodeRole.PRIMARY, true));
        } else {
            // A MariaDB replica left without read_only accepts writes: reported as a writable replica.
            try (Connection admin = pair.control().replicaConnection()) {
                exec(admin, "SET GLOBAL read_only = 0");
                try {
                    NodeStatus status = replication.status(admin);
                    assertThat(status).isEqualTo(new NodeStatus(Engine.MARIADB, NodeRole.REPLICA, false));
                    assertThat(status.writableReplica()).isTrue();
                } finally {
                    exec(admin, "SET GLOBAL read_only = 1");
                }
            }
        }
    }

    @ReplicaEngines
    void lagGrowsWhileReplayIsPausedAndClearsAfterResume(ReplicaPair pair) throws Exception {
        Replication replication = Replication.of(pair.engine());
        ReplicaControl control = pair.control();
        Connection primary = pair.primary();
        exec(primary, "CREATE TABLE ticks (id INTEGER PRIMARY KEY)");
        exec(primary, "INSERT INTO ticks VALUES (0)");
        Connection replica = pair.replica();   // waits until the replica has the table and the row

        control.pauseReplay();
        exec(primary, "INSERT INTO ticks VALUES (1)");
        ReplicaLag first = replication.lag(replica, primary);
        for (int i = 2; i < 12; i++) {
            exec(primary, "INSERT INTO ticks VALUES (" + i + ")");
        }
        ReplicaLag second = replication.lag(replica, primary);

        assertThat(first.caughtUp()).isFalse();
        assertThat(first.applying()).isFalse();
        assertThat(behind(first, pair.engine())).isPositive();
        assertThat(behind(second, pair.engine())).isGreaterThan(behind(first, pair.engine()));
        if (pair.engine() == Engine.POSTGRESQL) {
            // The standby replayed the first row's commit, so the time since then is known.
            assertThat(second.delay()).isPresent();
            assertThat(second.transactionsBehind()).isEmpty();
        } else {
            // Seconds_Behind_Master is NULL while the SQL thread is stopped.
            assertThat(second.delay()).isEmpty();
            assertThat(second.bytesBehind()).isEmpty();
            assertThat(behind(second, pair.engine())).isGreaterThanOrEqualTo(11);
        }
        assertThat(count(replica, "SELECT COUNT(*) FROM ticks")).isEqualTo(1);

        control.resumeReplay();
        control.awaitCaughtUp(LONG);
        ReplicaLag after = caughtUpLag(replication, replica, primary);
        assertThat(after.applying()).isTrue();
        assertThat(behind(after, pair.engine())).isZero();
        // Caught up means no delay, however old the replica's last replayed commit is (the idle primary).
        assertThat(after.delay()).contains(Duration.ZERO);
        assertThat(count(replica, "SELECT COUNT(*) FROM ticks")).isEqualTo(12);
    }

    /**
     * Measures until the replica is caught up: unrelated background writes on the shared primary (autovacuum,
     * other test runs) can be in flight at any single moment.
     */
    private static ReplicaLag caughtUpLag(Replication replication, Connection replica, Connection primary)
            throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        ReplicaLag lag = replication.lag(replica, primary);
        while (!lag.caughtUp() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            lag = replication.lag(replica, primary);
        }
        assertThat(lag.caughtUp()).as("caught up within %s: %s", LONG, lag).isTrue();
        return lag;
    }

    @ReplicaEngines
    void readYourWritesThroughACausalToken(ReplicaPair pair) throws Exception {
        Replication replication = Replication.of(pair.engine());
        ReplicaControl control = pair.control();
        Connection primary = pair.primary();
        exec(primary, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(20))");
        Connection replica = pair.replica();

        control.pauseReplay();
        exec(primary, "INSERT INTO notes VALUES (1, 'written')");
        CausalToken token = replication.capture(primary);
        // The token travels as text (a cookie, a header) and comes back equal.
        CausalToken carried = CausalToken.parse(token.asString());
        assertThat(carried).isEqualTo(token);
        assertThat(carried.engine()).isEqualTo(pair.engine());

        // Stale while paused: the write is not on the replica, and the wait gives up at its timeout.
        assertThat(count(replica, "SELECT COUNT(*) FROM notes")).isZero();
        assertThat(replication.await(replica, carried, Duration.ofMillis(200))).isFalse();
        assertThat(replication.await(replica, carried, Duration.ZERO)).isFalse();
        assertThat(count(replica, "SELECT COUNT(*) FROM notes")).isZero();

        control.resumeReplay();
        assertThat(replication.await(replica, carried, LONG)).isTrue();
        assertThat(count(replica, "SELECT COUNT(*) FROM notes WHERE body = 'written'")).isEqualTo(1);
        // A position already replayed is there at once.
        assertThat(replication.await(replica, carried, Duration.ZERO)).isTrue();
    }

    @ReplicaEngines
    void aDatabaseOpensOnTheReplicaUrlAndSeesReplicatedRows(ReplicaPair pair) throws Exception {
        exec(pair.primary(), "CREATE TABLE colours (id INTEGER PRIMARY KEY, name VARCHAR(20))");
        exec(pair.primary(), "INSERT INTO colours VALUES (1, 'teal')");
        try (Database replica = Database.open(pair.replicaUrl())) {
            assertThat(replica.sql("SELECT name FROM colours").list(r -> r.getString(1))).containsExactly("teal");
            assertThat(replica.withConnection(c -> Replication.of(pair.engine()).status(c)).role())
                    .isEqualTo(NodeRole.REPLICA);
        }
    }

    @ReplicaEngines
    void tokensAdvanceWithCommits(ReplicaPair pair) throws Exception {
        Replication replication = Replication.of(pair.engine());
        Connection primary = pair.primary();
        exec(primary, "CREATE TABLE steps (id INTEGER PRIMARY KEY)");
        exec(primary, "INSERT INTO steps VALUES (1)");
        CausalToken before = replication.capture(primary);
        exec(primary, "INSERT INTO steps VALUES (2)");
        CausalToken after = replication.capture(primary);

        assertThat(after).isNotEqualTo(before);
        if (pair.engine() == Engine.MARIADB) {
            // The session's own last GTID: one domain-server-sequence, its sequence one further.
            assertThat(after.position()).matches("\\d+-\\d+-\\d+");
            long b = Long.parseLong(before.position().substring(before.position().lastIndexOf('-') + 1));
            long a = Long.parseLong(after.position().substring(after.position().lastIndexOf('-') + 1));
            assertThat(a).isGreaterThan(b);
        } else {
            assertThat(after.position()).matches("[0-9A-F]+/[0-9A-F]+");
        }
    }

    @ReplicaEngines
    void aCrashedReplicaComesBackAndCatchesUp(ReplicaPair pair) throws Exception {
        Replication replication = Replication.of(pair.engine());
        ReplicaControl control = pair.control();
        Connection primary = pair.primary();
        exec(primary, "CREATE TABLE survivors (id INTEGER PRIMARY KEY)");
        pair.replica();

        control.kill();
        assertThatThrownBy(control::replicaConnection).isInstanceOf(SQLException.class);
        exec(primary, "INSERT INTO survivors VALUES (1)");
        CausalToken token = replication.capture(primary);

        control.restart();
        try (Connection replica = control.replicaConnection()) {
            assertThat(replication.status(replica).role()).isEqualTo(NodeRole.REPLICA);
        }
        Connection replica = pair.replica();
        assertThat(replication.await(replica, token, LONG)).isTrue();
        assertThat(count(replica, "SELECT COUNT(*) FROM survivors")).isEqualTo(1);
    }
}
