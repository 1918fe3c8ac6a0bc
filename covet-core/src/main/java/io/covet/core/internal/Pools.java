package io.covet.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the HikariCP pool for a database URL, with per-engine settings. Covet does not write a pool: this is
 * the one place that configures HikariCP.
 */
public final class Pools {
    private Pools() {
    }

    /**
     * Creates a pool and opens its first connection at once, so an unreachable server or a wrong password fails
     * here, fast, with the driver's own reason.
     *
     * @throws SQLException the driver's reason when the first connection cannot be opened
     */
    public static HikariDataSource create(DatabaseConfig config, DatabaseUrl url) throws SQLException {
        HikariConfig h = new HikariConfig();
        h.setPoolName("covet-" + config.name());
        h.setMaximumPoolSize(config.maxPoolSize());
        h.setMinimumIdle(config.minIdle());
        h.setConnectionTimeout(config.connectionTimeout().toMillis());
        // Open one connection in the constructor and fail at once if that is impossible (HikariCP's default).
        h.setInitializationFailTimeout(1);
        url.user().ifPresent(h::setUsername);
        url.password().ifPresent(h::setPassword);
        switch (url.engine().family()) {
            case POSTGRESQL -> {
                h.setJdbcUrl("jdbc:postgresql://" + hostPort(url) + "/" + url.database());
                h.addDataSourceProperty("ApplicationName", "covet");
                // Prepared statements become server-side after 5 uses (driver default) and are cached per connection.
                h.addDataSourceProperty("prepareThreshold", "5");
            }
            case MARIADB -> {
                h.setJdbcUrl("jdbc:mariadb://" + hostPort(url) + "/" + url.database());
                h.addDataSourceProperty("cachePrepStmts", "true");
                // Server-side prepare avoids re-parsing on every execute and is required for the bulk protocol.
                h.addDataSourceProperty("useServerPrepStmts", "true");
            }
            case SQLITE -> {
                String file = url.inMemory()
                        // A named shared-cache memory database, so the pool's one connection can be replaced
                        // without losing data while any connection is open.
                        ? "file:covet-mem-" + UUID.randomUUID() + "?mode=memory&cache=shared"
                        : url.database();
                h.setJdbcUrl("jdbc:sqlite:" + file);
                if (!url.inMemory()) {
                    h.addDataSourceProperty("journal_mode", "WAL");
                    h.addDataSourceProperty("synchronous", "NORMAL");
                }
                h.addDataSourceProperty("busy_timeout", String.valueOf(config.sqliteBusyTimeout().toMillis()));
                h.addDataSourceProperty("foreign_keys", "true");
                // xerial stores java.util.Date as milliseconds by default; Covet binds time as ISO text itself.
                h.addDataSourceProperty("date_class", "TEXT");
                if (url.inMemory()) {
                    // Never retire the only connection of a memory database: its data lives only while it is open.
                    h.setMaxLifetime(0);
                    h.setIdleTimeout(0);
                }
            }
            default -> throw new IllegalStateException("unhandled engine " + url.engine());
        }
        for (Map.Entry<String, String> e : url.parameters().entrySet()) {
            h.addDataSourceProperty(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : config.driverProperties().entrySet()) {
            h.addDataSourceProperty(e.getKey(), e.getValue());
        }
        try {
            return new HikariDataSource(h);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof SQLException)) {
                cause = cause.getCause();
            }
            throw cause instanceof SQLException se ? se : new SQLException(e.getMessage(), "08001", e);
        }
    }

    private static String hostPort(DatabaseUrl url) {
        return url.location();
    }
}
