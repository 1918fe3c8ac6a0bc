package io.covet.core.resilience;

import io.covet.core.error.ConfigurationException;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one database protects itself and its callers when its server fails: a circuit breaker, retries of
 * transient failures outside transactions, an optional cap on concurrent statements, a read-only mode and a
 * fallback for reads. Immutable; built with {@link #builder()} and attached with
 * {@code DatabaseConfig.Builder.resilience(…)} or the {@code covet.databases.<name>.resilience.*} keys of
 * {@code covet.properties}. Resilience4j does the breaking, retrying and limiting; Covet decides what counts.
 *
 * <p>What the breaker counts: lost or refused connections, pool checkout timeouts and query timeouts. Never
 * integrity violations, deadlocks, serialization failures or lock timeouts: those are contention, and a server
 * that reports them is up. What is retried: reads ({@code SELECT} run as a query or stream) and statements marked
 * {@code idempotent()}, when they failed with a lost connection, a deadlock or a serialization failure, and never
 * inside a transaction (an {@code atomic} block retries as a whole, with its own policy).
 */
public final class ResilienceSettings {
    private final boolean circuitBreaker;
    private final int failureRateThreshold;
    private final int minimumCalls;
    private final int slidingWindow;
    private final Duration openDuration;
    private final String probeQuery;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double backoffMultiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final boolean retryReads;
    private final int maxConcurrentStatements;
    private final Duration bulkheadWait;
    private final boolean readOnly;
    private final DataSource readFallback;

    private ResilienceSettings(Builder b) {
        this.circuitBreaker = b.circuitBreaker;
        this.failureRateThreshold = b.failureRateThreshold;
        this.minimumCalls = b.minimumCalls;
        this.slidingWindow = b.slidingWindow;
        this.openDuration = b.openDuration;
        this.probeQuery = b.probeQuery;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.backoffMultiplier = b.backoffMultiplier;
        this.jitter = b.jitter;
        this.maxBackoff = b.maxBackoff;
        this.retryReads = b.retryReads;
        this.maxConcurrentStatements = b.maxConcurrentStatements;
        this.bulkheadWait = b.bulkheadWait;
        this.readOnly = b.readOnly;
        this.readFallback = b.readFallback;
    }

    /** A builder with the defaults documented on each of its methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: breaker on, 3 attempts for reads, no bulkhead, read-write, no fallback. */
    public static ResilienceSettings defaults() {
        return builder().build();
    }

    /** Whether the circuit breaker is on. */
    public boolean circuitBreaker() {
        return circuitBreaker;
    }

    /** The percentage of failed calls in the window at which the breaker opens. */
    public int failureRateThreshold() {
        return failureRateThreshold;
    }

    /** How many calls the window must hold before the failure rate is judged. */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** How many of the latest calls the failure rate is computed over. */
    public int slidingWindow() {
        return slidingWindow;
    }

    /** How long an open breaker refuses calls before it lets one probe through. */
    public Duration openDuration() {
        return openDuration;
    }

    /** The query a half-open breaker probes with; empty for the engine's own ({@code SELECT 1}). */
    public Optional<String> probeQuery() {
        return Optional.ofNullable(probeQuery);
    }

    /** How many times a retryable statement runs at most, the first run included; 1 turns retries off. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before the first retry. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The factor each further wait grows by. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** The random spread of each wait, as a fraction of it (0.5: between half and one and a half of it). */
    public double jitter() {
        return jitter;
    }

    /** The longest single wait between attempts. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Whether reads outside transactions are retried (statements marked idempotent always are). */
    public boolean retryReads() {
        return retryReads;
    }

    /** The cap on statements running at once on this database; 0 for none. */
    public int maxConcurrentStatements() {
        return maxConcurrentStatements;
    }

    /** How long a statement waits for a free place when the bulkhead is full, before it is refused. */
    public Duration bulkheadWait() {
        return bulkheadWait;
    }

    /** Whether the database starts in read-only mode (writes refused, reads served). */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Where reads go when the database is unavailable (breaker open, or connection lost after the retries): a
     * data source of the same engine holding the same tables, e.g. a replica or a local copy. Results it serves
     * are flagged stale ({@link Resilience#lastReadWasStale()}).
     */
    public Optional<DataSource> readFallback() {
        return Optional.ofNullable(readFallback);
    }

    /** A builder holding these settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.circuitBreaker = circuitBreaker;
        b.failureRateThreshold = failureRateThreshold;
        b.minimumCalls = minimumCalls;
        b.slidingWindow = slidingWindow;
        b.openDuration = openDuration;
        b.probeQuery = probeQuery;
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.backoffMultiplier = backoffMultiplier;
        b.jitter = jitter;
        b.maxBackoff = maxBackoff;
        b.retryReads = retryReads;
        b.maxConcurrentStatements = maxConcurrentStatements;
        b.bulkheadWait = bulkheadWait;
        b.readOnly = readOnly;
        b.readFallback = readFallback;
        return b;
    }

    @Override
    public String toString() {
        return "ResilienceSettings[breaker=" + (circuitBreaker ? failureRateThreshold + "% of " + slidingWindow
                + " (min " + minimumCalls + "), open " + openDuration : "off") + ", attempts=" + maxAttempts
                + ", backoff=" + initialBackoff + "x" + backoffMultiplier + "±" + jitter + "≤" + maxBackoff
                + ", retryReads=" + retryReads + ", bulkhead=" + maxConcurrentStatements + ", readOnly=" + readOnly
                + ", fallback=" + (readFallback != null) + "]";
    }

    /** Collects settings; {@link #build()} checks them all at once. Not thread-safe. */
    public static final class Builder {
        private boolean circuitBreaker = true;
        private int failureRateThreshold = 50;
        private int minimumCalls = 5;
        private int slidingWindow = 20;
        private Duration openDuration = Duration.ofSeconds(5);
        private String probeQuery;
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(100);
        private double backoffMultiplier = 2.0;
        private double jitter = 0.5;
        private Duration maxBackoff = Duration.ofSeconds(2);
        private boolean retryReads = true;
        private int maxConcurrentStatements;
        private Duration bulkheadWait = Duration.ZERO;
        private boolean readOnly;
        private DataSource readFallback;

        private Builder() {
        }

        /** Turns the circuit breaker on or off (default on). */
        public Builder circuitBreaker(boolean on) {
            this.circuitBreaker = on;
            return this;
        }

        /** The failure percentage (1–100) at which the breaker opens; default 50. */
        public Builder failureRateThreshold(int percent) {
            this.failureRateThreshold = percent;
            return this;
        }

        /**
         * How many calls the breaker must have seen before it judges (default 5), so that one failure of a quiet
         * database does not open it.
         */
        public Builder minimumCalls(int calls) {
            this.minimumCalls = calls;
            return this;
        }

        /** How many of the latest calls the failure rate is computed over (default 20). */
        public Builder slidingWindow(int calls) {
            this.slidingWindow = calls;
            return this;
        }

        /**
         * How long an open breaker refuses calls before it probes the server (default 5 s): long enough to spare a
         * restarting server a stampede, short enough that callers are back soon after it is.
         */
        public Builder openDuration(Duration wait) {
            this.openDuration = wait;
            return this;
        }

        /** The validation query of a half-open breaker (default: {@code SELECT 1}). */
        public Builder probeQuery(String sql) {
            this.probeQuery = sql;
            return this;
        }

        /** The most runs of a retryable statement, the first included (default 3; 1 turns retries off). */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Exponential backoff between attempts: the first wait, the growth factor, the random spread (0 to 1, as
         * a fraction of each wait) and the longest wait. Defaults: 100 ms, ×2, 0.5, 2 s. The spread keeps callers
         * that failed together from retrying together.
         */
        public Builder backoff(Duration initial, double multiplier, double jitter, Duration max) {
            this.initialBackoff = initial;
            this.backoffMultiplier = multiplier;
            this.jitter = jitter;
            this.maxBackoff = max;
            return this;
        }

        /** Whether reads outside transactions are retried (default true). */
        public Builder retryReads(boolean retry) {
            this.retryReads = retry;
            return this;
        }

        /**
         * A bulkhead: at most {@code statements} statements of this database run at once; one more waits up to
         * {@code wait} for a place and is then refused with {@link io.covet.core.error.DatabaseUnavailable}.
         * Default: none (0), so that one slow database cannot take every application thread only when asked.
         */
        public Builder bulkhead(int statements, Duration wait) {
            this.maxConcurrentStatements = statements;
            this.bulkheadWait = wait;
            return this;
        }

        /** Starts the database in read-only mode (default false); it can be switched at run time. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Where reads go while the database is unavailable; see {@link ResilienceSettings#readFallback()}. */
        public Builder readFallback(DataSource fallback) {
            this.readFallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /**
         * Checks every setting and returns the immutable settings.
         *
         * @throws ConfigurationException listing every problem found
         */
        public ResilienceSettings build() {
            List<String> problems = new ArrayList<>();
            if (failureRateThreshold < 1 || failureRateThreshold > 100) {
                problems.add("resilience: failure-rate-threshold must be a percentage from 1 to 100, was "
                        + failureRateThreshold);
            }
            if (slidingWindow < 1) {
                problems.add("resilience: sliding-window must be at least 1 call, was " + slidingWindow);
            }
            if (minimumCalls < 1 || minimumCalls > slidingWindow) {
                problems.add("resilience: minimum-calls must be from 1 to the sliding window (" + slidingWindow
                        + "), was " + minimumCalls);
            }
            if (openDuration == null || openDuration.toMillis() < 1) {
                problems.add("resilience: open-duration must be positive, was " + openDuration);
            }
            if (probeQuery != null && probeQuery.isBlank()) {
                problems.add("resilience: probe-query is blank; leave it out for SELECT 1");
            }
            if (maxAttempts < 1) {
                problems.add("resilience: max-attempts must be at least 1 (1: no retries), was " + maxAttempts);
            }
            if (initialBackoff == null || initialBackoff.toMillis() < 1) {
                problems.add("resilience: the first backoff must be positive, was " + initialBackoff);
            }
            if (!(backoffMultiplier >= 1)) {
                problems.add("resilience: backoff-multiplier must be at least 1, was " + backoffMultiplier);
            }
            if (!(jitter >= 0 && jitter < 1)) {
                problems.add("resilience: jitter must be from 0 to below 1, was " + jitter);
            }
            if (maxBackoff == null || initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
                problems.add("resilience: max-backoff must be at least the first backoff (" + initialBackoff
                        + "), was " + maxBackoff);
            }
            if (maxConcurrentStatements < 0) {
                problems.add("resilience: max-concurrent-statements must be 0 (no bulkhead) or more, was "
                        + maxConcurrentStatements);
            }
            if (bulkheadWait == null || bulkheadWait.isNegative()) {
                problems.add("resilience: bulkhead-wait must be zero or positive, was " + bulkheadWait);
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new ResilienceSettings(this);
        }
    }
}
