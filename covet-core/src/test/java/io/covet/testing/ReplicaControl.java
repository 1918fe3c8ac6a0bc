package io.covet.testing;

import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Deterministic replication lag and failures on the test replica of one engine, for tests of replica behaviour:
 * pause and resume replay (PostgreSQL {@code pg_wal_replay_pause()}/{@code pg_wal_replay_resume()} on the
 * standby, MariaDB {@code STOP SLAVE SQL_THREAD}/{@code START SLAVE SQL_THREAD}: changes keep arriving but are not
 * applied), wait until the replica has caught up with the primary, and crash ({@code kill -9}) and restart it
 * through {@code scripts/engines kill-replica|start-replica}.
 *
 * <p>It reads its positions with its own SQL, independent of Covet's {@code io.covet.core.replica} code, so
 * that tests of that code do not rely on it to set up their conditions. The replica is shared by the whole test
 * run: a test that pauses or kills it restores it ({@link ReplicaPair#close()} resumes a paused replay).
 */
public final class ReplicaControl {
    private final Engine engine;
    private final DatabaseUrl primary;
    private final DatabaseUrl replica;

    private ReplicaControl(Engine engine, DatabaseUrl primary, DatabaseUrl replica) {
        this.engine = engine;
        this.primary = primary;
        this.replica = replica;
    }

    /**
     * The controller of {@code engine}'s test replica, from {@code COVET_TEST_PG_URL}/{@code COVET_TEST_PG_REPLICA_URL}
     * or the MariaDB pair.
     *
     * @throws IllegalStateException when a URL is missing (a failure, never a skip)
     */
    public static ReplicaControl of(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> new ReplicaControl(engine, url("COVET_TEST_PG_URL", engine),
                    url("COVET_TEST_PG_REPLICA_URL", engine));
            case MARIADB -> new ReplicaControl(engine, url("COVET_TEST_MARIADB_URL", engine),
                    url("COVET_TEST_MARIADB_REPLICA_URL", engine));
            default -> throw new IllegalArgumentException(engine.displayName() + " has no test replica");
        };
    }

    private static DatabaseUrl url(String variable, Engine engine) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set, so " + engine.displayName() + " read replicas "
                    + "cannot be tested. Run the tests with scripts/test (it starts primaries and replicas), or "
                    + "`eval \"$(scripts/engines start)\"` first, or narrow the run with COVET_TEST_ENGINES=sqlite");
        }
        return DatabaseUrl.parse(value.strip());
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** The primary server's URL (its {@code covet_test} database). */
    public DatabaseUrl primaryServer() {
        return primary;
    }

    /** The replica server's URL (its {@code covet_test} database). */
    public DatabaseUrl replicaServer() {
        return replica;
    }

    /** A raw connection to the replica server's {@code covet_test} database; the caller closes it. */
    public Connection replicaConnection() throws SQLException {
        return connect(jdbc(replica), replica);
    }

    /** A raw connection to the primary server's {@code covet_test} database; the caller closes it. */
    public Connection primaryConnection() throws SQLException {
        return connect(jdbc(primary), primary);
    }

    /** Stops applying changes on the replica (they keep arriving); returns once no further change is applied. */
    public void pauseReplay() {
        run(replica, engine == Engine.POSTGRESQL ? "SELECT pg_wal_replay_pause()" : "STOP SLAVE SQL_THREAD");
    }

    /** Applies changes again. */
    public void resumeReplay() {
        run(replica, engine == Engine.POSTGRESQL ? "SELECT pg_wal_replay_resume()" : "START SLAVE SQL_THREAD");
    }

    /** Whether replay is paused now (MariaDB: the SQL thread is not running). */
    public boolean paused() {
        try (Connection c = replicaConnection(); Statement s = c.createStatement()) {
            if (engine == Engine.POSTGRESQL) {
                try (ResultSet rs = s.executeQuery("SELECT pg_is_wal_replay_paused()")) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
            try (ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                return rs.next() && !"Yes".equalsIgnoreCase(rs.getString("Slave_SQL_Running"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the replay state of the " + engine.displayName()
                    + " replica at " + replica.location() + ": " + e.getMessage(), e);
        }
    }

    /** Resumes replay when it is paused; for clean-up after tests. */
    public void resumeIfPaused() {
        if (paused()) {
            resumeReplay();
        }
    }

    /**
     * Waits until the replica has applied everything the primary had written when this was called.
     *
     * @throws IllegalStateException when it has not within {@code timeout} (for instance while replay is paused)
     */
    public void awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (engine == Engine.POSTGRESQL) {
                String target = scalar(primary, "SELECT pg_current_wal_insert_lsn()::text");
                try (Connection c = replicaConnection();
                     PreparedStatement ps = c.prepareStatement("SELECT pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn)")) {
                    ps.setString(1, target);
                    while (true) {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getBoolean(1)) {
                                return;
                            }
                        }
                        if (System.nanoTime() > deadline) {
                            throw notCaughtUp(timeout, target);
                        }
                        Thread.sleep(10);
                    }
                }
            }
            String target = scalar(primary, "SELECT @@global.gtid_binlog_pos");
            try (Connection c = replicaConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
                ps.setString(1, target);
                ps.setDouble(2, timeout.toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 0) {
                        throw notCaughtUp(timeout, target);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot wait for the " + engine.displayName() + " replica at "
                    + replica.location() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replica", e);
        }
    }

    private IllegalStateException notCaughtUp(Duration timeout, String target) {
        return new IllegalStateException("the " + engine.displayName() + " replica at " + replica.location()
                + " did not reach the primary's position " + target + " within " + timeout
                + (paused() ? " (its replay is paused)" : ""));
    }

    /** Crashes the replica ({@code kill -9} of the server and, on PostgreSQL, its children); returns once it is gone. */
    public void kill() {
        script("kill-replica");
    }

    /** Starts the replica again after {@link #kill()} and waits until it has caught up. */
    public void restart() {
        script("start-replica");
        awaitCaughtUp(Duration.ofSeconds(60));
    }

    private void script(String command) {
        String prefix = engine == Engine.POSTGRESQL ? "COVET_PG_" : "COVET_MARIADB_";
        EngineScript.run(Map.of(prefix + "PORT", Integer.toString(primary.port()),
                prefix + "REPLICA_PORT", Integer.toString(replica.port())), command,
                engine == Engine.POSTGRESQL ? "pg" : "mariadb");
    }

    private void run(DatabaseUrl server, String sql) {
        try (Connection c = connect(jdbc(server), server); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the " + engine.displayName() + " server at "
                    + server.location() + ": " + e.getMessage(), e);
        }
    }

    private String scalar(DatabaseUrl server, String sql) throws SQLException {
        try (Connection c = connect(jdbc(server), server); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String jdbc(DatabaseUrl server) {
        return (engine == Engine.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://") + server.location() + "/"
                + server.database();
    }

    /** Opens a raw JDBC connection with the URL's credentials. */
    static Connection connect(String jdbc, DatabaseUrl url) throws SQLException {
        Properties p = new Properties();
        url.user().ifPresent(u -> p.setProperty("user", u));
        url.password().ifPresent(pw -> p.setProperty("password", pw));
        return DriverManager.getConnection(jdbc, p);
    }
}
