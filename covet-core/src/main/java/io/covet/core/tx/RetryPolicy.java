package io.covet.core.tx;

import io.covet.core.error.ConfigurationException;
import io.covet.core.error.DeadlockDetected;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.SerializationFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * When and how often a whole transaction is run again after it failed. Immutable; build with {@link #builder()}.
 *
 * <p>Only the outermost block of a transaction retries, and it always reruns the whole block on a fresh
 * transaction after rolling the failed attempt back: a single statement is never retried alone, and inner
 * blocks pass the failure up. Between attempts it sleeps an exponential backoff with jitter.
 *
 * <p>{@link #defaults()} retries up to 3 attempts on what the engine itself asks to retry:
 * {@link SerializationFailure} (PostgreSQL 40001, SQLite SQLITE_BUSY_SNAPSHOT), {@link DeadlockDetected}
 * (PostgreSQL 40P01, MariaDB 1213), MariaDB's lock wait timeout 1205 and SQLite's SQLITE_BUSY (both
 * {@link LockTimeout}). The failure is looked for along the cause chain, so work that wraps it still retries.
 * The risk: the work runs again, so side effects outside the database belong in {@code onCommit}.
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final double jitter;
    private final Predicate<Throwable> retryOn;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.retryOn = b.retryOn;
    }

    /** Up to 3 attempts, 10 ms doubling to at most 1 s, half of each pause random, on the default failures. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt: a failure reaches the caller at once. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@code failure}, or a cause of it, is one the engine asks to retry: serialization failure,
     * deadlock, MariaDB lock wait timeout (1205) or SQLite busy.
     */
    public static boolean retryableByDefault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerializationFailure || t instanceof DeadlockDetected) {
                return true;
            }
            // which lock timeouts are worth a retry is each engine's own (its EngineSpecifics)
            if (t instanceof LockTimeout lt && (lt.engine() == null ? lt.vendorCode() == 1205
                    : io.covet.core.tx.internal.EngineTx.retriesLockTimeout(lt))) {
                return true;
            }
        }
        return false;
    }

    /** The most attempts, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether the failure of attempt {@code attempt} (1-based) is to be followed by another. */
    public boolean shouldRetry(Throwable failure, int attempt) {
        return attempt < maxAttempts && retryOn.test(failure);
    }

    /** The pause before attempt {@code attempt + 1}: exponential, capped, with its random share. */
    public Duration backoff(int attempt) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxBackoff.toNanos());
        double random = capped * jitter * ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (capped * (1 - jitter) + random));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + "×" + multiplier + " ≤ "
                + maxBackoff + ", jitter=" + jitter + "]";
    }

    /** Collects the settings; {@link #build()} checks them all at once. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(10);
        private Duration maxBackoff = Duration.ofSeconds(1);
        private double multiplier = 2.0;
        private double jitter = 0.5;
        private Predicate<Throwable> retryOn = RetryPolicy::retryableByDefault;

        private Builder() {
        }

        /** The most attempts, the first included (1 turns retrying off). Default 3. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The pause after the first failed attempt, before jitter. Default 10 ms. */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = backoff;
            return this;
        }

        /** The longest pause, before jitter. Default 1 s. */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = backoff;
            return this;
        }

        /** How much each pause grows over the one before (at least 1). Default 2. */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /**
         * The random share of each pause, 0 (none) to 1 (the whole pause is random). Default 0.5, so that
         * transactions that collided do not collide again in step.
         */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Replaces the test of which failures to retry. */
        public Builder retryOn(Predicate<Throwable> predicate) {
            this.retryOn = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /** Retries {@code predicate}'s failures as well as those already retried. */
        public Builder alsoRetryOn(Predicate<Throwable> predicate) {
            Objects.requireNonNull(predicate, "predicate");
            this.retryOn = this.retryOn.or(predicate);
            return this;
        }

        /**
         * Checks every setting and returns the policy.
         *
         * @throws ConfigurationException naming every invalid setting
         */
        public RetryPolicy build() {
            List<String> problems = new ArrayList<>();
            if (maxAttempts < 1) {
                problems.add("retry maxAttempts must be at least 1, was " + maxAttempts);
            }
            if (initialBackoff == null || initialBackoff.isNegative()) {
                problems.add("retry initialBackoff must be zero or positive, was " + initialBackoff);
            }
            if (maxBackoff == null || maxBackoff.isNegative()) {
                problems.add("retry maxBackoff must be zero or positive, was " + maxBackoff);
            }
            if (!(multiplier >= 1.0)) {
                problems.add("retry multiplier must be at least 1, was " + multiplier);
            }
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                problems.add("retry jitter must be between 0 and 1, was " + jitter);
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new RetryPolicy(this);
        }
    }
}
