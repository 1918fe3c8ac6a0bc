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
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
public final class ManagedPool implements DataSource, Pool {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedPool.class);
    /** HikariCP validates a connection idle longer than this itself (JVM-wide system property). */
    static final long HIKARI_BYPASS_NANOS = Duration.ofMillis(
            Long.getLong("com.zaxxer.hikari.aliveBypassWindowMs", 500)).toNanos();
    private static final int HOOK_ATTEMPTS = 3;
    /** One check-out in this many (a power of two) is timed for the acquire-time percentiles. */
    static final int TIMED_ONE_IN = 32;
    private static final int TIMED_SHIFT = Integer.numberOfTrailingZeros(TIMED_ONE_IN);

    private final String database;
    private final Engine engine;
    private final String location;
    private final PoolSettings settings;
    /**
     * HikariCP (6.x) retires each connection at a random point up to {@code maxLifetime / factor} early, the factor
     * read from this system property (default 4, clamped to 2..40) so that they do not all expire together.
     */
    private static final long LIFETIME_VARIANCE_FACTOR =
            Math.min(40, Math.max(2, Long.getLong("com.zaxxer.hikari.lifeTimeVarianceFactor", 4)));

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
    private final long[] acquireSamples = new long[PoolStats.ACQUIRE_SAMPLES];
    /** Check-outs of closed connections (and of any connection Covet has no record of); see countCheckout. */
    private final LongAdder checkouts = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder leaks = new LongAdder();
    private final Map<EvictionReason, LongAdder> evictions = new EnumMap<>(EvictionReason.class);
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
        for (EvictionReason r : EvictionReason.values()) {
            evictions.put(r, new LongAdder());
        }
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
        // One check-out in TIMED_ONE_IN is timed for the percentiles (see sample); the others read the exact
        // clock only when something needs it (validation after an idle window, leak detection). A clock reading
        // costs a quarter of HikariCP's whole check-out and return (System.nanoTime() on this development VM's
        // kvm-clock: ~33 ns of CPU against ~130 ns), so lease times otherwise come from the monitor's coarse clock.
        // The rare branches (exhaustion, validation and hook failures, leak records) live in methods of their own
        // so that the plain check-out stays small enough for the JIT to inline into the caller; the 500-byte
        // version with everything in one loop was compiled as a separate call.
        return checkout(true);
    }

    /**
     * A check-out for Covet's own statement executor, which gives it back with {@link #release} instead of
     * closing it: HikariCP's connection itself, never wrapped, with the check-out hooks run and the lease recorded
     * as for {@link #getConnection()}; {@link #release} then does what a lent connection's {@code close()} would.
     * Saves the wrapper, its allocation and the atomic claim on a hooked pool's every statement.
     */
    Connection checkout() throws SQLException {
        return checkout(false);
    }

    /**
     * Gives back a connection from {@link #checkout()}: runs the check-in hooks (a failing one evicts it),
     * shrinks an overflowing pool, ends the lease. A connection the caller closed itself (against
     * {@link io.covet.core.ConnectionCallback}'s contract) went back to HikariCP without its check-in hooks: it is
     * evicted, so that it is not lent again, and the misuse logged.
     */
    void release(Connection c) throws SQLException {
        if (!wrap) {
            c.close();
        } else if (c.isClosed()) {
            closedByCaller(c);
        } else {
            checkin(c, PhysicalSource.tracked(c.unwrap(Connection.class)));
        }
    }

    private void closedByCaller(Connection c) {
        LOG.warn("a connection of database '{}' lent to a withConnection callback or a statement was closed by the "
                + "caller, so it went back to the pool without its check-in hooks; it was evicted. Do not close it: "
                + "Covet gives it back", database);
        hikari.evictConnection(c);
    }

    private Connection checkout(boolean wrapIt) throws SQLException {
        int r = java.util.concurrent.ThreadLocalRandom.current().nextInt();
        boolean timed = (r & (TIMED_ONE_IN - 1)) == 0;
        if (inspect) {
            return lend(r, timed, wrapIt);
        }
        // The default path: nothing to run or track per lease, so the caller gets HikariCP's connection.
        long t0 = timed ? System.nanoTime() : 0;
        Connection c = borrow(t0);
        countCheckout(c);
        if (timed) {
            sample(System.nanoTime() - t0, r);
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

    /** A check-out that needs the physical connection's record: validation, check-out hooks, lease tracking. */
    private Connection lend(int r, boolean timed, boolean wrapIt) throws SQLException {
        long t0 = timed || validating ? System.nanoTime() : 0;
        int failures = 0;
        while (true) {
            Connection c = borrow(t0);
            long now = timed || validating || leakDetection ? System.nanoTime() : coarseNanos;
            PooledConnection pc = PhysicalSource.tracked(c.unwrap(Connection.class));
            if (validating && now - pc.returnedAt >= bypassNanos && !alive(c)) {
                invalid(c, pc, t0);
                continue;
            }
            if (onCheckout.length > 0) {
                Exception failed = run(onCheckout, c);
                if (failed != null) {
                    checkoutHookFailed(c, pc, failed, ++failures);
                    continue;
                }
            }
            pc.countCheckout();
            if (timed) {
                sample(now - t0, r);
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
    }

    /** Runs {@code hooks} in order on {@code c}; the first one's failure, or null when all ran. */
    private static Exception run(ConnectionHook[] hooks, Connection c) {
        for (ConnectionHook hook : hooks) {
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
            checkouts.increment();
        }
    }

    /**
     * Puts a timed check-out's wait in the reservoir of acquire times, at a random slot: callers on many threads
     * then rarely write the same cache line, and the slots stay a uniform sample of recent check-outs.
     */
    private void sample(long nanos, int random) {
        acquireSamples[(random >>> TIMED_SHIFT) % acquireSamples.length] = nanos;
    }

    private boolean alive(Connection c) {
        try {
            return c.isValid((int) Math.max(1, Math.min(5, hikari.getValidationTimeout() / 1000)));
        } catch (SQLException e) {
            return false;
        }
    }

    void checkin(Connection c, PooledConnection pc) throws SQLException {
        Exception failed = onCheckin.length > 0 ? run(onCheckin, c) : null;
        if (failed != null) {
            // The caller's work is done; the connection's state is unknown, so it must not be lent again.
            LOG.warn("on-checkin hook of database '{}' failed; the connection was evicted", database, failed);
            evict(c, pc, EvictionReason.HOOK_FAILURE);
        } else if (!shrinkOnReturn || !shrunk(c, pc)) {
            // The return time decides check-out validation after an idle window (exact then) and, for the close
            // reason, whether a connection sat idle past the idle timeout (the coarse clock is precise enough).
            pc.endLease(validating ? System.nanoTime() : coarseNanos);
            c.close();
        }
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

    /** Takes a lent connection out of the pool instead of returning it (e.g. a transaction that could not reset). */
    public void evict(Connection lent) {
        if (lent instanceof LentConnection l) {
            l.evict();
        } else {
            try {
                PooledConnection pc = PhysicalSource.tracked(lent.unwrap(Connection.class));
                if (pc != null) {
                    pc.evictedFor = EvictionReason.EVICTED;
                }
            } catch (SQLException e) {
                // Closed already: HikariCP's evictConnection below ignores it as well.
            }
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
        synchronized (physicals) {
            // Its check-outs move to the retired count in the same step, so stats never count them twice or not at all.
            checkouts.add(pc.checkouts());
            physicals.remove(pc);
        }
        long now = System.nanoTime();
        long age = now - pc.openedAt;
        EvictionReason reason;
        if (pc.evictedFor != null) {
            reason = pc.evictedFor;
        } else if (closing) {
            reason = EvictionReason.POOL_CLOSED;
        } else if (hikari == null) {
            reason = EvictionReason.STARTUP_CHECK;
        } else if (idleTimeoutNanos > 0 && pc.lease == null && now - pc.returnedAt >= idleTimeoutNanos
                && before > hikari.getMinimumIdle()) {
            // HikariCP idles out only connections above min idle; at or below it, an idle close is the lifetime's.
            reason = EvictionReason.IDLE;
        } else if (maxLifetimeNanos > 0 && age >= maxLifetimeNanos - maxLifetimeNanos / LIFETIME_VARIANCE_FACTOR) {
            reason = EvictionReason.LIFETIME;
        } else {
            reason = EvictionReason.DEAD;
        }
        count(reason, Duration.ofNanos(age));
    }

    private void count(EvictionReason reason, Duration age) {
        evictions.get(reason).increment();
        events.evicted(reason, age);
    }

    // ------------------------------------------------------------------ state

    private SQLException exhausted(SQLTransientConnectionException e, long t0) {
        timeouts.increment();
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
        PooledConnection.Lease oldest = null;
        for (PooledConnection pc : physicals) {
            PooledConnection.Lease l = pc.lease;
            if (l != null && (oldest == null || l.at() - oldest.at() < 0)) {
                oldest = l;
            }
        }
        return oldest;
    }

    @Override
    public PoolStats stats() {
        HikariPoolMXBean b = hikari.getHikariPoolMXBean();
        long n;
        synchronized (physicals) {
            n = checkouts.sum();
            for (PooledConnection pc : physicals) {
                n += pc.checkouts();
            }
        }
        // Slots never written hold 0; with fewer check-outs than slots only the written ones count.
        long[] s = Arrays.stream(acquireSamples.clone()).filter(v -> v > 0).sorted().toArray();
        int count = s.length;
        Map<String, Integer> byCaller = new TreeMap<>();
        for (PooledConnection pc : physicals) {
            PooledConnection.Lease l = pc.lease;
            if (l != null && l.caller() != null) {
                byCaller.merge(l.caller(), 1, Integer::sum);
            }
        }
        Map<EvictionReason, Long> ev = new EnumMap<>(EvictionReason.class);
        evictions.forEach((r, a) -> {
            if (a.sum() > 0) {
                ev.put(r, a.sum());
            }
        });
        return new PoolStats(hikari.getHikariConfigMXBean().getMaximumPoolSize(),
                b == null ? 0 : b.getTotalConnections(), b == null ? 0 : b.getActiveConnections(),
                b == null ? 0 : b.getIdleConnections(), b == null ? 0 : b.getThreadsAwaitingConnection(),
                percentile(s, 0.50), percentile(s, 0.99), count == 0 ? Duration.ZERO : Duration.ofNanos(s[count - 1]),
                n, timeouts.sum(), byCaller, ev, leaks.sum());
    }

    /** The monitor's tick: advances the coarse clock. */
    void tick(long now) {
        coarseNanos = now;
    }

    void leaked() {
        leaks.increment();
    }

    private static Duration percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
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

    // ------------------------------------------------------------------ DataSource plumbing

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Covet's pools lend connections with the configured credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return hikari.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        hikari.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        hikari.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return hikari.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return hikari.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return hikari.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || hikari.isWrapperFor(iface);
    }
}
