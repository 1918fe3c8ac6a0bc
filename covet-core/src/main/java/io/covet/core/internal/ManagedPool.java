package io.covet.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.util.DriverDataSource;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.error.PoolExhausted;
import io.covet.core.pool.ConnectionHook;
import io.covet.core.pool.EvictionReason;
import io.covet.core.pool.Pool;
import io.covet.core.pool.PoolSettings;
import io.covet.core.pool.PoolStats;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A database's HikariCP pool with Covet's management around it: check-out validation, check-out and check-in
 * hooks, lease tracking (longest lease, leaks), acquire-time samples, eviction reasons, exhaustion errors and the
 * sizing policy. Statements and transactions borrow through this data source; HikariCP does all the pooling.
 *
 * <p>A check-out that must see its return (check-in hooks, lease tracking, shrinking, validation) gets a
 * {@link LentConnection} over HikariCP's connection, otherwise HikariCP's own; Covet's statement executor, which
 * reports the return itself, borrows with {@link #checkout()} and {@link #release} and never gets the wrapper. The
 * physical connections HikariCP holds are {@link PhysicalSource}'s watched connections.
 */
public final class ManagedPool extends PoolDataSource implements Pool {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedPool.class);
    /** HikariCP validates a connection idle longer than this itself (JVM-wide system property). */
    static final long HIKARI_BYPASS_NANOS = Duration.ofMillis(
            Long.getLong("com.zaxxer.hikari.aliveBypassWindowMs", 500)).toNanos();
    private static final int HOOK_ATTEMPTS = 3;

    private final String database;
    private final Engine engine;
    private final String location;
    private final PoolSettings settings;

    final Set<PooledConnection> physicals = ConcurrentHashMap.newKeySet();
    private final long bypassNanos;
    private final boolean leakDetection;
    private final boolean shrinkOnReturn;
    private final Object shrinkLock = new Object();
    /** Whether each check-out is wrapped to see its return (check-in hooks, shrinking, lease tracking). */
    private final boolean wrap;
    /** Whether Covet validates on check-out after an idle window shorter than HikariCP's own. */
    private final boolean validating;
    /** Whether check-out needs the physical connection's record (validation, hooks, lease tracking). */
    private final boolean inspect;
    private final ConnectionHook[] onCheckout;
    private final ConnectionHook[] onCheckin;
    private final PoolCounters counters = new PoolCounters();
    final Sizer sizer;
    private final PoolEvents events;
    private volatile HikariDataSource hikari;
    private volatile long maxLifetimeNanos;
    private volatile long idleTimeoutNanos;
    private volatile boolean closing;
    /**
     * {@link System#nanoTime()} as of the monitor's last tick (its interval, 250 ms by default): the start of a
     * lease and the return time when no exact clock is needed (no leak threshold, no check-out validation), so
     * the longest lease named by an exhaustion error may read up to one interval long.
     */
    private volatile long coarseNanos = System.nanoTime();
    private PoolMonitor monitor;

    private ManagedPool(DatabaseConfig config, Engine engine, String location) {
        this.database = config.name();
        this.engine = engine;
        this.location = location;
        this.settings = config.pool();
        this.bypassNanos = settings.aliveBypassWindow().toNanos();
        this.leakDetection = !settings.leakThreshold().isZero();
        this.onCheckout = settings.onCheckout().toArray(new ConnectionHook[0]);
        this.onCheckin = settings.onCheckin().toArray(new ConnectionHook[0]);
        this.sizer = new Sizer(settings.sizing(), settings.maxSize());
        this.shrinkOnReturn = !(settings.sizing() instanceof io.covet.core.pool.SizingPolicy.Fixed);
        this.wrap = onCheckin.length > 0 || shrinkOnReturn || leakDetection || bypassNanos < HIKARI_BYPASS_NANOS;
        this.validating = bypassNanos < HIKARI_BYPASS_NANOS;
        this.inspect = wrap || onCheckout.length > 0 || validating;
        MeterRegistry registry = config.poolMetrics().orElse(config.meterRegistry().orElse(null));
        this.events = new PoolEvents(database, settings.listeners(), registry, this);
    }

    /**
     * Creates the pool and opens its first connection at once (running the on-connect hooks on it), so an
     * unreachable server, a wrong password or a failing hook fails here with the driver's reason.
     */
    public static ManagedPool open(DatabaseConfig config, DatabaseUrl url) throws SQLException {
        return open(config, url, false);
    }

    /**
     * Creates the pool without connecting: a server that is down now is not an error here, and each check-out
     * tries to connect (within the acquire timeout). For replicas, which may be down when the database opens.
     */
    public static ManagedPool openWithoutConnecting(DatabaseConfig config, DatabaseUrl url) {
        try {
            return open(config, url, true);
        } catch (SQLException e) {
            throw new IllegalStateException("a pool that does not connect at start failed to start", e);
        }
    }

    private static ManagedPool open(DatabaseConfig config, DatabaseUrl url, boolean lazy) throws SQLException {
        ManagedPool pool = new ManagedPool(config, url.engine(), url.location());
        HikariConfig h = Pools.configure(config, url);
        if (lazy) {
            h.setInitializationFailTimeout(-1);
        }
        pool.maxLifetimeNanos = Duration.ofMillis(h.getMaxLifetime()).toNanos();
        pool.idleTimeoutNanos = Duration.ofMillis(h.getIdleTimeout()).toNanos();
        h.setMaximumPoolSize(pool.sizer.maximum());
        DataSource driver = new DriverDataSource(h.getJdbcUrl(), h.getDriverClassName(), h.getDataSourceProperties(),
                h.getUsername(), h.getPassword());
        h.setDataSource(new PhysicalSource(driver, config.pool().onConnect(), pool));
        pool.hikari = Pools.start(h);
        pool.monitor = PoolMonitor.start(pool);
        return pool;
    }

    /** HikariCP's data source (for {@code Database.dataSource()} and observers reading its MXBean). */
    @Override
    public HikariDataSource hikari() {
        return hikari;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public PoolSettings settings() {
        return settings;
    }

    PoolEvents events() {
        return events;
    }

    // ------------------------------------------------------------------ check-out and check-in

    @Override
    public Connection getConnection() throws SQLException {
        // One check-out in PoolCounters.TIMED_ONE_IN is timed for the percentiles; the others read the exact clock
        // only when something needs it (validation after an idle window, leak detection). A clock reading costs a
        // quarter of HikariCP's whole check-out and return (System.nanoTime() on this development VM's kvm-clock:
        // ~33 ns of CPU against ~130 ns), so lease times otherwise come from the monitor's coarse clock.
        return checkout(true);
    }

    /**
     * A check-out for Covet's own statement executor and transactions, which give it back with {@link #release}
     * instead of closing it: HikariCP's connection itself, never wrapped, with the check-out hooks run and the
     * lease recorded as for {@link #getConnection()}; {@link #release} then does what a lent connection's
     * {@code close()} would. Saves the wrapper, its allocation and the atomic claim on a hooked pool's every
     * statement and transaction.
     */
    public Connection checkout() throws SQLException {
        return checkout(false);
    }

    /**
     * Gives back a connection from {@link #checkout()}: runs the check-in hooks (a failing one evicts it),
     * shrinks an overflowing pool, ends the lease. A connection the caller closed itself (against
     * {@link io.covet.core.ConnectionCallback}'s contract) went back to HikariCP without its check-in hooks: it is
     * evicted, so that it is not lent again, and the misuse logged.
     */
    public void release(Connection c) throws SQLException {
        if (!wrap) {
            c.close();
        } else if (c.isClosed()) {
            closedByCaller(c);
        } else if (returned(c, PhysicalSource.tracked(c.unwrap(Connection.class)))) {
            c.close();
        }
    }

    private void closedByCaller(Connection c) {
        LOG.warn("a connection of database '{}' lent to a withConnection callback or a statement was closed by the "
                + "caller, so it went back to the pool without its check-in hooks; it was evicted. Do not close it: "
                + "Covet gives it back", database);
        hikari.evictConnection(c);
    }

    /*
     * The check-out and check-in paths are laid out for the JIT: HikariCP's getConnection() and close() are each
     * called from one method (checkout, release/checkin), which C2 compiles with HikariCP's code inlined, and what
     * Covet does around them lives in small methods without HikariCP's code (lent, leased, returned), which stay
     * small enough to be inlined there. A helper that itself inlined HikariCP's call (the former borrow and lend)
     * was compiled into a method too big to inline, so every check-out made two or three real calls more.
     */
    private Connection checkout(boolean wrapIt) throws SQLException {
        int r = java.util.concurrent.ThreadLocalRandom.current().nextInt();
        boolean timed = PoolCounters.timed(r);
        if (validating) {
            return lend(r, timed, wrapIt, 0);
        }
        long t0 = timed ? System.nanoTime() : 0;
        Connection c;
        try {
            c = hikari.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw acquireFailed(e, t0);
        }
        if (inspect) {
            return lent(c, r, timed, t0, wrapIt);
        }
        // The default path: nothing to run or track per lease, so the caller gets HikariCP's connection.
        countCheckout(c);
        if (timed) {
            counters.sample(System.nanoTime() - t0, r);
        }
        return c;
    }

    /** HikariCP's check-out; an acquire timeout with every connection busy becomes the exhaustion error. */
    private Connection borrow(long t0) throws SQLException {
        try {
            return hikari.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw acquireFailed(e, t0);
        }
    }

    private SQLException acquireFailed(SQLTransientConnectionException e, long t0) {
        // HikariCP gives the last connect failure as the cause when the server is the problem; without one every
        // connection was simply busy (for the whole acquire timeout, when this check-out was not timed).
        if (e.getCause() == null && !closing) {
            return exhausted(e, t0 != 0 ? t0
                    : System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(hikari.getConnectionTimeout()));
        }
        return e;
    }

    /** The rest of a check-out that needs the physical connection's record, without validation: hooks, lease. */
    private Connection lent(Connection c, int r, boolean timed, long t0, boolean wrapIt) throws SQLException {
        long now = timed || leakDetection ? System.nanoTime() : coarseNanos;
        PooledConnection pc = PhysicalSource.tracked(c.unwrap(Connection.class));
        if (onCheckout.length > 0) {
            Exception failed = runCheckoutHooks(c);
            if (failed != null) {
                checkoutHookFailed(c, pc, failed, 1);
                return lend(r, timed, wrapIt, 1);
            }
        }
        return leased(c, pc, now, r, timed, t0, wrapIt);
    }

    /**
     * A check-out with everything that may turn a connection down (validation after an idle window, a failing
     * check-out hook), trying others within the acquire timeout; {@code failures}: hook failures so far.
     */
    private Connection lend(int r, boolean timed, boolean wrapIt, int failures) throws SQLException {
        long t0 = timed || validating ? System.nanoTime() : 0;
        while (true) {
            Connection c = borrow(t0);
            long now = timed || validating || leakDetection ? System.nanoTime() : coarseNanos;
            PooledConnection pc = PhysicalSource.tracked(c.unwrap(Connection.class));
            if (validating && now - pc.returnedAt >= bypassNanos && !alive(c)) {
                invalid(c, pc, t0);
                continue;
            }
            if (onCheckout.length > 0) {
                Exception failed = runCheckoutHooks(c);
                if (failed != null) {
                    checkoutHookFailed(c, pc, failed, ++failures);
                    continue;
                }
            }
            return leased(c, pc, now, r, timed, t0, wrapIt);
        }
    }

    /** Counts and records an accepted check-out; the connection to hand out (wrapped when it must be). */
    private Connection leased(Connection c, PooledConnection pc, long now, int r, boolean timed, long t0,
                              boolean wrapIt) {
        pc.countCheckout();
        if (timed) {
            counters.sample(now - t0, r);
        }
        if (!wrap) {
            return c;
        }
        if (!wrapIt) {
            pc.lease(leakDetection ? held(now) : pc.heldAt(now));
            return c;
        }
        LentConnection lent = leakDetection ? tracked(c, pc, now) : new LentConnection(c, pc, this, now, null, null);
        pc.lease(lent);
        return lent;
    }

    /*
     * The check-out and check-in hooks run from two methods of their own, not one shared loop: each call site
     * then sees one kind of hook (the JIT inlines it) instead of both kinds at one site.
     */

    /** Runs the check-out hooks in order on {@code c}; the first one's failure, or null when all ran. */
    private Exception runCheckoutHooks(Connection c) {
        for (ConnectionHook hook : onCheckout) {
            try {
                hook.run(c);
            } catch (SQLException | RuntimeException e) {
                return e;
            }
        }
        return null;
    }

    /** Runs the check-in hooks in order on {@code c}; the first one's failure, or null when all ran. */
    private Exception runCheckinHooks(Connection c) {
        for (ConnectionHook hook : onCheckin) {
            try {
                hook.run(c);
            } catch (SQLException | RuntimeException e) {
                return e;
            }
        }
        return null;
    }

    /**
     * Evicts a connection that failed validation after its idle window; returns when the caller may try another
     * one within the acquire timeout (measured from {@code t0}), else throws.
     */
    private void invalid(Connection c, PooledConnection pc, long t0) throws SQLException {
        evict(c, pc, EvictionReason.VALIDATION_FAILURE);
        if (System.nanoTime() - (t0 + TimeUnit.MILLISECONDS.toNanos(hikari.getConnectionTimeout())) >= 0) {
            throw new SQLTransientConnectionException("database '" + database + "': every connection offered "
                    + "within the acquire timeout failed validation; is the server up?", "08006");
        }
    }

    /** Evicts a connection whose on-checkout hook failed; returns when the caller may try another, else throws. */
    private void checkoutHookFailed(Connection c, PooledConnection pc, Exception e, int failures) throws SQLException {
        evict(c, pc, EvictionReason.HOOK_FAILURE);
        LOG.warn("on-checkout hook of database '{}' failed; the connection was evicted", database, e);
        if (failures >= HOOK_ATTEMPTS) {
            throw new SQLException("the on-checkout hook of database '" + database + "' failed on "
                    + HOOK_ATTEMPTS + " connections in a row (each was evicted): " + e.getMessage()
                    + ". Fix the hook", e instanceof SQLException se ? se.getSQLState() : null, e);
        }
    }

    /** The lease record of an unwrapped check-out, with where it was borrowed, for leak detection. */
    private static PooledConnection.Held held(long now) {
        StackTraceElement[] stack = PooledConnection.callerStack();
        return new PooledConnection.Held(now, Thread.currentThread(), stack, PooledConnection.caller(stack));
    }

    /** A lent connection that records where it was borrowed, for leak detection. */
    private LentConnection tracked(Connection c, PooledConnection pc, long now) {
        StackTraceElement[] stack = PooledConnection.callerStack();
        return new LentConnection(c, pc, this, now, stack, PooledConnection.caller(stack));
    }

    /**
     * Counts a check-out on its physical connection's record, which only the holder writes: a plain increment
     * on a cache line the holder already has, where one shared counter (even a striped one) costs an atomic
     * instruction and cache-line traffic between the cores per check-out.
     */
    private void countCheckout(Connection c) throws SQLException {
        PooledConnection pc = PhysicalSource.tracked(c.unwrap(Connection.class));
        if (pc != null) {
            pc.countCheckout();
        } else {
            counters.untrackedCheckout();
        }
    }

    private boolean alive(Connection c) {
        try {
            return c.isValid((int) Math.max(1, Math.min(5, hikari.getValidationTimeout() / 1000)));
        } catch (SQLException e) {
            return false;
        }
    }

    /** A lent connection's return: check-in hooks, shrinking, end of lease, then HikariCP's close. */
    void checkin(Connection c, PooledConnection pc) throws SQLException {
        if (returned(c, pc)) {
            c.close();
        }
    }

    /**
     * What a return does before HikariCP takes the connection back: runs the check-in hooks, shrinks an
     * overflowing pool, ends the lease. Whether the caller is to close {@code c} now (false: it was evicted).
     */
    private boolean returned(Connection c, PooledConnection pc) {
        if (onCheckin.length > 0) {
            Exception failed = runCheckinHooks(c);
            if (failed != null) {
                // The caller's work is done; the connection's state is unknown, so it must not be lent again.
                LOG.warn("on-checkin hook of database '{}' failed; the connection was evicted", database, failed);
                evict(c, pc, EvictionReason.HOOK_FAILURE);
                return false;
            }
        }
        if (shrinkOnReturn && shrunk(c, pc)) {
            return false;
        }
        // The return time decides check-out validation after an idle window (exact then) and, for the close
        // reason, whether a connection sat idle past the idle timeout (the coarse clock is precise enough).
        pc.endLease(validating ? System.nanoTime() : coarseNanos);
        return true;
    }

    /** Evicts a returned connection when the pool is above the size its policy keeps; whether it did. */
    private boolean shrunk(Connection c, PooledConnection pc) {
        // Decided and done under one lock: callers returning at once would otherwise all see the pool above its
        // size and close more connections than it is over by (HikariCP drops the count on eviction).
        synchronized (shrinkLock) {
            HikariPoolMXBean bean = hikari.getHikariPoolMXBean();
            if (bean != null && bean.getTotalConnections() > sizer.keepAtMost()) {
                evict(c, pc, EvictionReason.SHRINK);
                return true;
            }
            return false;
        }
    }

    /**
     * Takes a lent connection (of {@link #getConnection()} or {@link #checkout()}) out of the pool instead of
     * returning it (e.g. a transaction that could not reset), ending its lease.
     */
    public void evict(Connection lent) {
        if (lent instanceof LentConnection l) {
            l.evict();
            return;
        }
        PooledConnection pc = null;
        try {
            pc = PhysicalSource.tracked(lent.unwrap(Connection.class));
        } catch (SQLException e) {
            // Closed already: HikariCP's evictConnection below ignores it as well.
        }
        if (pc != null) {
            evict(lent, pc, EvictionReason.EVICTED);
        } else {
            hikari.evictConnection(lent);
        }
    }

    void evict(Connection hikariConnection, PooledConnection pc, EvictionReason reason) {
        pc.evictedFor = reason;
        pc.endLease(System.nanoTime());
        hikari.evictConnection(hikariConnection);
    }

    // ------------------------------------------------------------------ physical connections

    void opened(PooledConnection pc) {
        physicals.add(pc);
    }

    void hookFailedOnConnect() {
        count(EvictionReason.HOOK_FAILURE, Duration.ZERO);
    }

    /** HikariCP closed a physical connection: count it with the reason Covet knows or infers. */
    void closed(PooledConnection pc) {
        if (pc == null) {
            return;
        }
        int before = physicals.size();
        counters.retire(pc, physicals);
        long now = System.nanoTime();
        HikariDataSource h = hikari;
        EvictionReason reason = PoolCounters.closeReason(pc, now, closing, h != null,
                h != null && before > h.getMinimumIdle(), idleTimeoutNanos, maxLifetimeNanos);
        count(reason, Duration.ofNanos(now - pc.openedAt));
    }

    private void count(EvictionReason reason, Duration age) {
        counters.evicted(reason);
        events.evicted(reason, age);
    }

    // ------------------------------------------------------------------ state

    private SQLException exhausted(SQLTransientConnectionException e, long t0) {
        counters.timedOut();
        SQLException signal = PoolExhaustion.signal(e, t0, engine, database, location, hikari.getHikariPoolMXBean(),
                sizer.maximum(), oldestLease(), wrap);
        events.acquireTimedOut(stats());
        return signal;
    }

    /** The {@link PoolExhausted} an acquire timeout stands for, or null for any other failure. */
    static PoolExhausted exhaustion(SQLException e) {
        return PoolExhaustion.of(e);
    }

    PooledConnection.Lease oldestLease() {
        return PoolCounters.oldestLease(physicals);
    }

    @Override
    public PoolStats stats() {
        return counters.stats(hikari.getHikariConfigMXBean().getMaximumPoolSize(), hikari.getHikariPoolMXBean(),
                physicals);
    }

    /** The monitor's tick: advances the coarse clock. */
    void tick(long now) {
        coarseNanos = now;
    }

    void leaked() {
        counters.leaked();
    }

    /** Closes the monitor and HikariCP's pool (which closes every physical connection). Idempotent. */
    public void close() {
        closing = true;
        if (monitor != null) {
            monitor.stop();
        }
        if (hikari != null) {
            hikari.close();
        }
    }

    @Override
    public String toString() {
        return "ManagedPool[" + database + "]";
    }
}
