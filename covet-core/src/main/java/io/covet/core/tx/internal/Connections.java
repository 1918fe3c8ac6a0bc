package io.covet.core.tx.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.covet.core.internal.ManagedPool;
import io.covet.core.pool.PoolStats;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.internal.Pipeline;
import io.covet.core.pipeline.ConnectionContext;
import io.covet.core.tx.TransactionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a database's transactions get their connections and give them back: refuses an always-new block that
 * could only wait for its own pool, and resets (or evicts) each connection before the next borrower gets it.
 */
final class Connections {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final TransactionManager manager;
    private final DataSource dataSource;
    private final int poolSize;
    /** When each connection borrowed through the pipeline was borrowed, to tell interceptors how long it was held. */
    private final Map<Connection, Long> borrowedAt = new ConcurrentHashMap<>();
    /** Where read-only transactions borrow (a database's replicas), or null: the primary. */
    volatile DataSource readOnlySource;

    /** @param poolSize the pool's maximum size, or -1 when unknown (a caller's own data source) */
    Connections(TransactionManager manager, DataSource dataSource, int poolSize) {
        this.manager = manager;
        this.dataSource = dataSource;
        this.poolSize = poolSize;
    }

    Connection borrow(String name, Block suspended, boolean writes) {
        int held = 0;
        StringBuilder chain = new StringBuilder();
        for (Block b = suspended; b != null; b = b.state.suspended) {
            held++;
            chain.insert(0, "'" + b.state.name + "' > ");
            // Only an engine that locks for writes at BEGIN (SQLite's BEGIN IMMEDIATE) sets writeLock.
            if (writes && b.state.writeLock) {
                throw new TransactionException("REQUIRES_NEW block '" + name + "' would wait for itself: SQLite lets "
                        + "one transaction write at a time, and the suspended transaction '" + b.state.name + "' on "
                        + "this thread holds the write lock (BEGIN IMMEDIATE). Make the new block read-only, begin "
                        + "the outer one with sqliteImmediate(false) and no writes before this block, or use NESTED");
            }
        }
        if (held > 0 && poolSize > 0 && held >= poolSize) {
            throw new TransactionException("REQUIRES_NEW block '" + name + "' needs its own connection, but this "
                    + "thread already holds " + held + " of the pool's " + poolSize + " connection(s) in the "
                    + "suspended transaction(s) " + chain + "'" + name + "', so it would wait for itself until the "
                    + "connection timeout. Always-new blocks nested N deep need maxPoolSize above N (here at least "
                    + (held + 1) + ", plus what other threads use): raise maxPoolSize, or use NESTED (a savepoint)");
        }
        int heldNow = held;
        DataSource replicas = readOnlySource;
        DataSource source = writes || replicas == null ? dataSource : replicas;
        Pipeline pipeline = manager.executor.pipeline();
        if (pipeline.active()) {
            Connection c = pipeline.acquire(context(ConnectionContext.Purpose.TRANSACTION), source,
                    e -> borrowFailure(e, name, heldNow, chain));
            borrowedAt.put(c, System.nanoTime());
            return c;
        }
        try {
            // Covet's own pool lends its connection unwrapped (no wrapper object per transaction on a pool with
            // check-in hooks or lease tracking); release gives it back through the pool.
            return source instanceof ManagedPool m ? m.checkout() : source.getConnection();
        } catch (SQLException e) {
            throw borrowFailure(e, name, heldNow, chain);
        }
    }

    /** Where a transaction's connection came from (without interceptors): as {@link #borrow} chose it. */
    private DataSource sourceOf(boolean readOnly) {
        DataSource replicas = readOnlySource;
        return !readOnly || replicas == null ? dataSource : replicas;
    }

    private ConnectionContext context(ConnectionContext.Purpose purpose) {
        return new ConnectionContext(manager.database, manager.engine, purpose, false);
    }

    private RuntimeException borrowFailure(SQLException e, String name, int held, CharSequence chain) {
        ConnectionFailure cf = manager.executor.connectionFailure(e);
        if (held > 0) {
            return new TransactionException("REQUIRES_NEW block '" + name + "' timed out waiting for a second "
                    + "connection while this thread holds " + held + " in the suspended transaction(s) " + chain
                    + "'" + name + "' (" + poolState() + "). Always-new nesting needs a pool larger than its "
                    + "depth plus other threads' use: raise maxPoolSize, or use NESTED (a savepoint)", cf);
        }
        return cf;
    }

    private String poolState() {
        if (dataSource instanceof ManagedPool m) {
            PoolStats st = m.stats();
            return "pool: max=" + st.maxSize() + ", active=" + st.active() + ", idle=" + st.idle() + ", waiting="
                    + st.pending();
        }
        if (dataSource instanceof HikariDataSource h && h.getHikariPoolMXBean() != null) {
            HikariPoolMXBean p = h.getHikariPoolMXBean();
            return "pool: max=" + poolSize + ", active=" + p.getActiveConnections() + ", idle="
                    + p.getIdleConnections() + ", waiting=" + p.getThreadsAwaitingConnection();
        }
        return "pool size " + (poolSize > 0 ? poolSize : "unknown");
    }

    /**
     * Resets a transaction's connection and gives it back; a connection that cannot be reset (or whose rollback
     * failed: {@code evict}) is evicted from the pool instead of lent to the next borrower.
     *
     * @return the reset failure, or null
     */
    Throwable release(Connection c, boolean readOnly, boolean evict) {
        Throwable problem = null;
        try {
            EngineTx.reset(manager.engine, c, readOnly);
        } catch (SQLException | RuntimeException e) {
            problem = e;
        }
        Long since = borrowedAt.remove(c);
        try {
            if ((problem != null || evict) && dataSource instanceof ManagedPool m) {
                m.evict(c);
            } else if ((problem != null || evict) && dataSource instanceof HikariDataSource h) {
                h.evictConnection(c);
            } else if (since == null && sourceOf(readOnly) instanceof ManagedPool m) {
                m.release(c);
            } else {
                c.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("returning a transaction's connection of database '{}' failed", manager.database, e);
        }
        if (since != null) {
            manager.executor.pipeline().released(context(ConnectionContext.Purpose.TRANSACTION), since);
        }
        if (problem != null) {
            LOG.warn("resetting a transaction's connection of database '{}' failed; it was evicted", manager.database, problem);
        }
        return problem;
    }

    /** Runs {@code work} on a fresh pooled connection, outside any transaction (recovery). */
    <T> T fresh(EngineTx.SqlFunction<T> work, String what) {
        Pipeline pipeline = manager.executor.pipeline();
        if (pipeline.active()) {
            ConnectionContext ctx = context(ConnectionContext.Purpose.MAINTENANCE);
            Connection c = pipeline.acquire(ctx, dataSource, manager.executor::connectionFailure);
            long since = System.nanoTime();
            try (c) {
                return work.apply(c);
            } catch (SQLException e) {
                throw manager.executor.translate(what, e);
            } finally {
                pipeline.released(ctx, since);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw manager.executor.translate(what, e);
        }
    }
}
