package io.covet.migrate.internal;

import io.covet.core.Database;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.migrate.MigrationException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Makes concurrent {@code migrate} runs take turns: PostgreSQL {@code pg_advisory_lock} keyed by the current
 * schema, MariaDB {@code GET_LOCK} named after the database, SQLite an OS file lock on a sidecar file next to the
 * database ({@code <file>.migrate-lock}): a lock on the database file itself would also block the migration's own
 * writes. The second runner waits, then finds nothing left to do.
 *
 * <p>The sidecar file exists only while a run holds the lock: the holder deletes it before releasing, also when
 * the JVM is stopped (Ctrl-C, SIGTERM). Only a process killed outright ({@code kill -9}) leaves it behind; the
 * operating system has released its lock then, so the next run takes the file over and removes it in turn.
 */
public final class MigrationLock implements AutoCloseable {
    private final Engine engine;
    private final Connection c;
    private final SidecarLock sqliteLock;

    private MigrationLock(Engine engine, Connection c, SidecarLock sqliteLock) {
        this.engine = engine;
        this.c = c;
        this.sqliteLock = sqliteLock;
    }

    /** Waits up to {@code timeout} for the lock. */
    public static MigrationLock acquire(Database db, Connection c, Duration timeout) throws SQLException {
        Engine e = db.engine().family();
        // engine SQL: ADVISORY_LOCKS says whether, not how (pg_advisory_lock vs GET_LOCK; SQLite takes its write lock)
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
                return new MigrationLock(e, c, SidecarLock.acquire(Path.of(url.database() + ".migrate-lock"),
                        timeout, () -> busy(timeout)));
            }
        }
    }

    private static MigrationException busy(Duration timeout) {
        return new MigrationException("another process has been running migrate for more than " + timeout.toSeconds()
                + " s and still holds the migration lock; wait for it to finish, or raise the lock timeout");
    }

    @Override
    public void close() throws SQLException {
        // engine SQL: each engine releases its own kind of lock (see acquire)
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
                    sqliteLock.close();
                }
            }
        }
    }
}
