package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DatabaseUnavailable;
import io.covet.core.error.DeadlockDetected;
import io.covet.core.error.QueryTimeout;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.core.error.SerializationFailure;
import io.covet.core.pipeline.ConnectionContext;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import io.covet.core.resilience.BreakerState;
import io.covet.core.resilience.Resilience;
import io.covet.core.resilience.ResilienceSettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A database's resilience as the outermost link of its pipeline: Resilience4j's circuit breaker, retry and
 * bulkhead, applied by Covet's rules (what counts against the server, what may run twice), plus read-only mode
 * and the read fallback. See {@link ResilienceSettings} for the rules. Not an API.
 *
 * <p>Statements outside a transaction are admitted by the breaker, may be retried and may fall back. Inside a
 * transaction nothing is retried or redirected: the block's connection was admitted when it was borrowed
 * ({@link #acquire}), and its statements' outcomes are only counted.
 */
public final class ResilienceGuard implements Interceptor, Resilience {
    private static final Logger LOG = LoggerFactory.getLogger(ResilienceGuard.class);

    private final String database;
    private final Engine engine;
    private final DataSource pool;
    private final ResilienceSettings settings;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final String probeQuery;
    private final AtomicLong timesOpened = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong fallbackReads = new AtomicLong();
    private final ThreadLocal<Boolean> stale = ThreadLocal.withInitial(() -> false);
    private volatile boolean readOnly;
    private volatile Instant openedAt;
    private volatile String lastFailure;

    /**
     * @param database its name, for messages
     * @param engine   its engine
     * @param pool     its own data source, which half-open probes borrow from
     * @param settings the rules
     */
    public ResilienceGuard(String database, Engine engine, DataSource pool, ResilienceSettings settings) {
        this.database = database;
        this.engine = engine;
        this.pool = pool;
        this.settings = settings;
        this.readOnly = settings.readOnly();
        this.probeQuery = settings.probeQuery().orElse("SELECT 1");
        String name = "covet-" + database;
        if (settings.circuitBreaker()) {
            breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(settings.slidingWindow())
                    .minimumNumberOfCalls(settings.minimumCalls())
                    .failureRateThreshold(settings.failureRateThreshold())
                    .waitDurationInOpenState(settings.openDuration())
                    // one probe decides: Covet's own validation query, not a caller's statement
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .automaticTransitionFromOpenToHalfOpenEnabled(false)
                    .recordException(ResilienceGuard::countsAgainstServer)
                    .build());
            breaker.getEventPublisher().onStateTransition(e -> {
                CircuitBreaker.State to = e.getStateTransition().getToState();
                if (to == CircuitBreaker.State.OPEN) {
                    openedAt = Instant.now();
                    timesOpened.incrementAndGet();
                    LOG.warn("database '{}': circuit breaker opened ({}); calls fail fast until {}", database,
                            lastFailure, openedAt.plus(settings.openDuration()));
                } else {
                    LOG.info("database '{}': circuit breaker {}", database, to);
                }
            });
        } else {
            breaker = null;
        }
        retry = settings.maxAttempts() > 1 ? Retry.of(name, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff().toMillis(),
                        settings.backoffMultiplier(), settings.jitter(), settings.maxBackoff().toMillis()))
                .retryOnException(ResilienceGuard::retryable)
                .build()) : null;
        if (retry != null) {
            retry.getEventPublisher().onRetry(e -> retries.incrementAndGet());
        }
        bulkhead = settings.maxConcurrentStatements() > 0 ? Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentStatements())
                .maxWaitDuration(settings.bulkheadWait())
                .build()) : null;
    }

    /**
     * Whether a failure says the server is unhealthy: lost or refused connections (pool checkout timeouts
     * included) and query timeouts. Contention (deadlocks, serialization failures, lock timeouts) and the
     * caller's errors (constraints, syntax) prove the server answered.
     */
    static boolean countsAgainstServer(Throwable e) {
        return e instanceof ConnectionFailure || e instanceof QueryTimeout;
    }

    /** What a retry may fix outside a transaction: a lost connection, a deadlock, a serialization failure. */
    static boolean retryable(Throwable e) {
        return e instanceof ConnectionFailure || e instanceof DeadlockDetected || e instanceof SerializationFailure;
    }

    // ---------------------------------------------------------------- statements

    @Override
    public <T> T intercept(Chain<T> chain) {
        StatementContext ctx = chain.context();
        StatementKind kind = ctx.kind();
        boolean read = isRead(ctx);
        if (readOnly && !read && kind != StatementKind.TRANSACTION) {
            throw new ReadOnlyViolation("write refused: database '" + database + "' is in read-only mode "
                    + "(Database.resilience().readOnly(true) or resilience.read-only); reads are served, "
                    + "writes wait until it is switched back", engine, ctx.sql(), null);
        }
        if (kind == StatementKind.TRANSACTION) {
            return chain.proceed();
        }
        if (ctx.transaction().isPresent() || kind == StatementKind.RAW) {
            return bounded(() -> observed(chain::proceed));
        }
        if (read) {
            stale.set(false);
        }
        boolean mayRetry = retry != null && ctx.repeatable() && (read ? settings.retryReads() : ctx.idempotent());
        Supplier<T> once = () -> bounded(() -> admitted(chain::proceed));
        try {
            return mayRetry ? retry.executeSupplier(once) : once.get();
        } catch (DatabaseUnavailable | ConnectionFailure e) {
            Optional<DataSource> fallback = settings.readFallback();
            if (read && fallback.isPresent() && ctx.redirectable()) {
                T result = chain.proceed(fallback.get());
                fallbackReads.incrementAndGet();
                stale.set(true);
                LOG.debug("database '{}' unavailable ({}); read served by the fallback", database, e.getClass().getSimpleName());
                return result;
            }
            throw e;
        }
    }

    private static boolean isRead(StatementContext ctx) {
        return switch (ctx.kind()) {
            case QUERY, STREAM, RAW -> ctx.operation() == Operation.SELECT;
            default -> false;
        };
    }

    /** Runs {@code call} under the bulkhead, if there is one. */
    private <T> T bounded(Supplier<T> call) {
        if (bulkhead == null) {
            return call.get();
        }
        if (!bulkhead.tryAcquirePermission()) {
            rejected.incrementAndGet();
            throw new DatabaseUnavailable("database '" + database + "' refused the statement: its bulkhead is full ("
                    + settings.maxConcurrentStatements() + " statements running, none finished within "
                    + settings.bulkheadWait().toMillis() + " ms); raise resilience.max-concurrent-statements or find "
                    + "what is slow", engine, database, "BULKHEAD_FULL", null);
        }
        try {
            return call.get();
        } finally {
            bulkhead.onComplete();
        }
    }

    /** Runs a call the breaker must admit first; its outcome is recorded. */
    private <T> T admitted(Supplier<T> call) {
        if (breaker == null) {
            return call.get();
        }
        admit();
        long t0 = System.nanoTime();
        try {
            T result = call.get();
            breaker.onSuccess(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException | Error e) {
            noteFailure(e);
            breaker.onError(System.nanoTime() - t0, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    /** Runs a call on an already admitted connection: counted while the breaker is closed, never refused. */
    private <T> T observed(Supplier<T> call) {
        if (breaker == null) {
            return call.get();
        }
        long t0 = System.nanoTime();
        try {
            T result = call.get();
            if (breaker.getState() == CircuitBreaker.State.CLOSED) {
                breaker.onSuccess(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (breaker.getState() == CircuitBreaker.State.CLOSED) {
                noteFailure(e);
                breaker.onError(System.nanoTime() - t0, TimeUnit.NANOSECONDS, e);
            }
            throw e;
        }
    }

    private void noteFailure(Throwable e) {
        if (countsAgainstServer(e)) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            lastFailure = e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
        }
    }

    /**
     * Takes the breaker's permission for one call, or throws {@link DatabaseUnavailable}. The first caller after
     * the open duration gets the half-open permit and probes the server with the validation query on a connection
     * of the pool; the breaker closes when it answers, and that caller goes on with its own call.
     */
    private void admit() {
        if (!breaker.tryAcquirePermission()) {
            throw refused();
        }
        if (breaker.getState() != CircuitBreaker.State.HALF_OPEN) {
            return;
        }
        long t0 = System.nanoTime();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout((int) Math.max(1, settings.openDuration().toSeconds()));
            st.execute(probeQuery);
            breaker.onSuccess(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        } catch (SQLException e) {
            ConnectionFailure failure = new ConnectionFailure("the half-open probe (" + probeQuery
                    + ") of database '" + database + "' failed", engine, probeQuery, e);
            noteFailure(failure);
            breaker.onError(System.nanoTime() - t0, TimeUnit.NANOSECONDS, failure);
            DatabaseUnavailable refused = refused();
            refused.addSuppressed(failure);
            throw refused;
        }
        if (!breaker.tryAcquirePermission()) {
            throw refused();
        }
    }

    private DatabaseUnavailable refused() {
        rejected.incrementAndGet();
        BreakerState state = state();
        Instant next = nextProbe().orElse(null);
        String when = next == null ? "a probe is checking the server now; retry in a moment"
                : "calls fail fast until it probes the server again at " + next + " (in "
                + Math.max(0, Duration.between(Instant.now(), next).toMillis()) + " ms)";
        float rate = breaker.getMetrics().getFailureRate();
        return new DatabaseUnavailable("database '" + database + "' (" + engine.displayName() + ") is unavailable: "
                + "its circuit breaker is " + state + (rate >= 0 ? " after " + Math.round(rate) + "% of the last "
                + breaker.getMetrics().getNumberOfBufferedCalls() + " calls failed" : "") + " (lost connections, "
                + "connect or query timeouts); " + when + (lastFailure != null ? ". Last failure: " + lastFailure : ""),
                engine, database, state.name(), next);
    }

    // ---------------------------------------------------------------- connections

    @Override
    public Connection acquire(ConnectionChain chain) {
        ConnectionContext ctx = chain.context();
        if (breaker == null || ctx.redirected() || ctx.purpose() == ConnectionContext.Purpose.STATEMENT
                || ctx.purpose() == ConnectionContext.Purpose.STREAM
                || ctx.purpose() == ConnectionContext.Purpose.MAINTENANCE) {
            // statements were admitted by intercept; maintenance must reach a recovering server
            return chain.proceed();
        }
        // a transaction or withConnection block: admitted once, when it takes its connection
        return admitted(chain::proceed);
    }

    // ---------------------------------------------------------------- state

    @Override
    public String database() {
        return database;
    }

    @Override
    public ResilienceSettings settings() {
        return settings;
    }

    @Override
    public BreakerState state() {
        if (breaker == null) {
            return BreakerState.DISABLED;
        }
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case DISABLED, METRICS_ONLY -> BreakerState.DISABLED;
            default -> BreakerState.CLOSED;
        };
    }

    @Override
    public Optional<Instant> nextProbe() {
        Instant at = openedAt;
        return state() == BreakerState.OPEN && at != null ? Optional.of(at.plus(settings.openDuration()))
                : Optional.empty();
    }

    @Override
    public float failureRate() {
        return breaker == null ? -1 : breaker.getMetrics().getFailureRate();
    }

    @Override
    public long timesOpened() {
        return timesOpened.get();
    }

    @Override
    public long rejectedCalls() {
        return rejected.get();
    }

    @Override
    public long retries() {
        return retries.get();
    }

    @Override
    public long fallbackReads() {
        return fallbackReads.get();
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        LOG.info("database '{}': read-only mode {}", database, readOnly ? "on" : "off");
    }

    @Override
    public boolean lastReadWasStale() {
        return stale.get();
    }

    @Override
    public String toString() {
        return "Resilience[" + database + ", breaker=" + state() + ", readOnly=" + readOnly + "]";
    }
}
