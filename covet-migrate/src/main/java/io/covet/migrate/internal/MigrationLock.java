package io.covet.migrate.internal;

import io.covet.core.Database;
import io.covet.core.DatabaseUrl;
import io.covet.core.dialect.Engine;
import io.covet.migrate.MigrationException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Makes concurrent {@code migrate} runs take turns: PostgreSQL {@code pg_advisory_lock} keyed by the current
 * schema, MariaDB {@code GET_LOCK} named after the database, SQLite {@code BEGIN EXCLUSIVE} on a sidecar lock
 * file next to the database ({@code <file>.migrate-lock}): an exclusive lock on the database file itself would
 * also block the migration's own writes. The second runner waits, then finds nothing left to do.
 */
public final class MigrationLock implements AutoCloseable {
    private final Engine engine;
    private final Connection c;
    private final Connection sqliteLock;

    private MigrationLock(Engine engine, Connection c, Connection sqliteLock) {
        this.engine = engine;
        this.c = c;
        this.sqliteLock = sqliteLock;
    }

    /** Waits up to {@code timeout} for the lock. */
    public static MigrationLock acquire(Database db, Connection c, Duration timeout) throws SQLException {
        Engine e = db.engine().family();
        switch (e) {
            case POSTGRESQL -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
                    s.execute("SELECT pg_advisory_lock(hashtext(current_schema() || '.covet_migrate'))");
                    s.execute("RESET lock_timeout");
                } catch (SQLException ex) {
                    if ("55P03".equals(ex.getSQLState())) {
                        throw busy(timeout);
                    }
                    throw ex;
                }
                return new MigrationLock(e, c, null);
            }
            case MARIADB -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT GET_LOCK(LEFT(CONCAT('covet_migrate.', DATABASE()), 64), ?)")) {
                    ps.setLong(1, Math.max(1, timeout.toSeconds()));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getInt(1) != 1) {
                            throw busy(timeout);
                        }
                    }
                }
                return new MigrationLock(e, c, null);
            }
            default -> {
                DatabaseUrl url = db.config().url().orElse(null);
                if (url == null || url.inMemory()) {
                    return new MigrationLock(e, c, null); // one process only: nothing to serialise
                }
                Connection lock = DriverManager.getConnection("jdbc:sqlite:" + url.database() + ".migrate-lock");
                try (Statement s = lock.createStatement()) {
                    s.execute("PRAGMA busy_timeout = " + Math.max(1, timeout.toMillis()));
                    s.execute("BEGIN EXCLUSIVE");
                } catch (SQLException ex) {
                    lock.close();
                    throw busy(timeout);
                }
                return new MigrationLock(e, c, lock);
            }
        }
    }

    private static MigrationException busy(Duration timeout) {
        return new MigrationException("another process has been running migrate for more than " + timeout.toSeconds()
                + " s and still holds the migration lock; wait for it to finish, or raise the lock timeout");
    }

    @Override
    public void close() throws SQLException {
        switch (engine) {
            case POSTGRESQL -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(hashtext(current_schema() || '.covet_migrate'))");
                }
            }
            case MARIADB -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT RELEASE_LOCK(LEFT(CONCAT('covet_migrate.', DATABASE()), 64))");
                }
            }
            default -> {
                if (sqliteLock != null) {
                    try (Statement s = sqliteLock.createStatement()) {
                        s.execute("ROLLBACK");
                    } finally {
                        sqliteLock.close();
                    }
                }
            }
        }
    }
}
