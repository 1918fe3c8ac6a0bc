package io.covet.core.pool;

/**
 * The connection pool of one database, as Covet manages it around HikariCP: its settings and live statistics.
 * Thread-safe. Obtained from {@code Database.pool()}.
 */
public interface Pool {
    /** The database's name. */
    String database();

    /** The settings the pool runs with (sizes as configured; {@link PoolStats#maxSize()} is the live maximum). */
    PoolSettings settings();

    /** A snapshot of the pool now. */
    PoolStats stats();
}
