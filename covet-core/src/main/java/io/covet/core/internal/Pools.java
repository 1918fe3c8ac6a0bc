package io.covet.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;

import java.sql.SQLException;
import java.util.Map;

/**
 * Builds the HikariCP pool for a database URL; the driver's URL and settings come from the engine's
 * {@link EngineSpecifics#configurePool}. Covet does not write a pool: this is
 * the one place that configures HikariCP.
 */
public final class Pools {
    private Pools() {
    }

    /**
     * The HikariCP settings for a database: sizes, timeouts and lifetimes from its {@link io.covet.core.pool.PoolSettings},
     * then the engine's URL and driver properties ({@link EngineSpecifics#configurePool}, which may override the
     * lifetimes, e.g. for {@code sqlite::memory:}), then the URL's and configuration's driver properties.
     */
    static HikariConfig configure(DatabaseConfig config, DatabaseUrl url) {
        HikariConfig h = new HikariConfig();
        io.covet.core.pool.PoolSettings pool = config.pool();
        h.setPoolName("covet-" + config.name());
        h.setMaximumPoolSize(config.maxPoolSize());
        h.setMinimumIdle(config.minIdle());
        h.setConnectionTimeout(config.connectionTimeout().toMillis());
        h.setMaxLifetime(pool.maxLifetime().toMillis());
        h.setIdleTimeout(pool.idleTimeout().toMillis());
        h.setKeepaliveTime(pool.keepalive().toMillis());
        // Open one connection in the constructor and fail at once if that is impossible (HikariCP's default).
        h.setInitializationFailTimeout(1);
        url.user().ifPresent(h::setUsername);
        url.password().ifPresent(h::setPassword);
        EngineSpecifics.of(url.engine()).configurePool(h, config, url);
        config.poolMetrics().ifPresent(r -> h.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(r)));
        for (Map.Entry<String, String> e : url.parameters().entrySet()) {
            h.addDataSourceProperty(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : config.driverProperties().entrySet()) {
            h.addDataSourceProperty(e.getKey(), e.getValue());
        }
        return h;
    }

    /**
     * Starts HikariCP's pool, which opens its first connection at once, so an unreachable server or a wrong
     * password fails here, fast, with the driver's own reason.
     *
     * @throws SQLException the driver's reason when the first connection cannot be opened
     */
    static HikariDataSource start(HikariConfig h) throws SQLException {
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

    /** {@code host:port} of a server URL, for JDBC URLs. */
    static String hostPort(DatabaseUrl url) {
        return url.location();
    }
}
