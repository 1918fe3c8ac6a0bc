package io.covet.core.internal;

import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.core.pool.PoolSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a pool's lifetimes against the live server's own idle cut-off, read when the database opens: a
 * connection the server closes first is one the pool lends dead. MariaDB closes a connection idle for
 * {@code wait_timeout}; PostgreSQL (14+) one idle for {@code idle_session_timeout} when that is not zero. SQLite
 * has no such timeout.
 */
public final class ServerTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTimeouts.class);

    private ServerTimeouts() {
    }

    /**
     * The server's idle cut-off as seen by this (pooled) connection; {@link Duration#ZERO} when there is none.
     */
    public static Duration idleCutoff(Connection c, Engine engine) throws SQLException {
        String sql = switch (engine) {
            case MARIADB -> "SELECT @@wait_timeout * 1000";
            case POSTGRESQL -> "SELECT setting::bigint FROM pg_settings WHERE name = 'idle_session_timeout'";
            default -> null;
        };
        if (sql == null) {
            return Duration.ZERO;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? Duration.ofMillis(rs.getLong(1)) : Duration.ZERO;
        }
    }

    /**
     * Refuses an explicitly set max lifetime at or above the server's idle cut-off, listing every clash; a default
     * lifetime above it is only warned about (the keepalive still protects idle connections).
     *
     * @throws ConfigurationException naming each setting, its value, the server variable and its value
     */
    public static void check(Connection c, Engine engine, DatabaseConfig config) throws SQLException {
        Duration cutoff = idleCutoff(c, engine);
        if (cutoff.isZero()) {
            return;
        }
        String variable = engine == Engine.MARIADB ? "wait_timeout" : "idle_session_timeout";
        PoolSettings pool = config.pool();
        List<String> problems = new ArrayList<>();
        Duration lifetime = pool.maxLifetime();
        boolean clash = lifetime.isZero() || lifetime.compareTo(cutoff) >= 0;
        if (clash && pool.maxLifetimeExplicit()) {
            problems.add("database '" + config.name() + "': pool maxLifetime " + (lifetime.isZero() ? "0 (never)"
                    : lifetime) + " is not below the server's " + variable + " of " + cutoff + ", so the server "
                    + "may close connections the pool still lends: set maxLifetime a little below " + cutoff
                    + " (e.g. " + cutoff.minus(cutoff.dividedBy(10)) + ")");
        } else if (clash) {
            LOG.warn("database '{}': the default pool maxLifetime {} is not below the server's {} of {}; idle "
                    + "connections are kept alive by the {} keepalive, but consider a maxLifetime below it",
                    config.name(), lifetime, variable, cutoff, pool.keepalive());
        }
        if (!pool.keepalive().isZero() && pool.keepalive().compareTo(cutoff) >= 0 && clash) {
            problems.add("database '" + config.name() + "': pool keepalive " + pool.keepalive() + " is not below "
                    + "the server's " + variable + " of " + cutoff + ", so idle connections die between pings: "
                    + "lower keepalive (at least 30s) or maxLifetime");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}
