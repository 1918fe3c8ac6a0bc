package io.covet.core.tx;

import io.covet.core.error.ConfigurationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a transaction block runs. Immutable; build with {@link #builder()}, or start from {@link #defaults()}.
 *
 * <p>Defaults: {@link Propagation#REQUIRED}, the engine's default isolation, read-write, no timeout, nested
 * blocks under a savepoint, not durable, {@link RetryPolicy#defaults()}, and on SQLite {@code BEGIN IMMEDIATE}
 * for read-write transactions ({@code BEGIN DEFERRED} for read-only ones).
 *
 * <pre>{@code
 * TxOptions options = TxOptions.builder().name("transfer").isolation(Isolation.SERIALIZABLE)
 *         .timeout(Duration.ofSeconds(5)).retry(RetryPolicy.builder().maxAttempts(10).build()).build();
 * }</pre>
 */
public final class TxOptions {
    /** The name of blocks that were not given one. */
    public static final String DEFAULT_NAME = "atomic";

    private static final TxOptions DEFAULTS = builder().build();

    private final String name;
    private final Propagation propagation;
    private final Isolation isolation;
    private final Boolean readOnly;
    private final Duration timeout;
    private final boolean durable;
    private final boolean savepoint;
    private final Boolean sqliteImmediate;
    private final RetryPolicy retry;

    private TxOptions(Builder b) {
        this.name = b.name;
        this.propagation = b.propagation;
        this.isolation = b.isolation;
        this.readOnly = b.readOnly;
        this.timeout = b.timeout;
        this.durable = b.durable;
        this.savepoint = b.savepoint;
        this.sqliteImmediate = b.sqliteImmediate;
        this.retry = b.retry;
    }

    /** The default options. */
    public static TxOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.propagation = propagation;
        b.isolation = isolation;
        b.readOnly = readOnly;
        b.timeout = timeout;
        b.durable = durable;
        b.savepoint = savepoint;
        b.sqliteImmediate = sqliteImmediate;
        b.retry = retry;
        return b;
    }

    /** The block's name, for metrics, logs and error messages. */
    public String name() {
        return name;
    }

    /** What the block does when a transaction is already current. */
    public Propagation propagation() {
        return propagation;
    }

    /** The isolation asked for; empty for the engine's default (or the joined transaction's). */
    public Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

    /** The read-only mode asked for; empty for read-write (or the joined transaction's mode). */
    public Optional<Boolean> readOnly() {
        return Optional.ofNullable(readOnly);
    }

    /** The longest the block may run; {@link Duration#ZERO} for no limit. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the block refuses to run inside another transaction, so its commit is really final. */
    public boolean durable() {
        return durable;
    }

    /** Whether a joined block runs under its own savepoint. */
    public boolean savepoint() {
        return savepoint;
    }

    /** SQLite's begin mode asked for; empty for the default (IMMEDIATE for read-write, DEFERRED for read-only). */
    public Optional<Boolean> sqliteImmediate() {
        return Optional.ofNullable(sqliteImmediate);
    }

    /** When the block is run again after a failure (outermost blocks only). */
    public RetryPolicy retry() {
        return retry;
    }

    @Override
    public String toString() {
        return "TxOptions[name=" + name + ", propagation=" + propagation
                + (isolation != null ? ", isolation=" + isolation : "")
                + (readOnly != null ? ", readOnly=" + readOnly : "")
                + (timeout.isZero() ? "" : ", timeout=" + timeout)
                + (durable ? ", durable" : "") + (savepoint ? "" : ", savepoint=false")
                + (sqliteImmediate != null ? ", sqliteImmediate=" + sqliteImmediate : "")
                + ", " + retry + "]";
    }

    /** Collects options; {@link #build()} checks them all at once. Not thread-safe. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private Propagation propagation = Propagation.REQUIRED;
        private Isolation isolation;
        private Boolean readOnly;
        private Duration timeout = Duration.ZERO;
        private boolean durable;
        private boolean savepoint = true;
        private Boolean sqliteImmediate;
        private RetryPolicy retry = RetryPolicy.defaults();

        private Builder() {
        }

        /**
         * Names the block in metrics ({@code block} tag), logs and errors. Use a fixed name per call site, never
         * a value that varies per call: every name becomes a metric series.
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** What to do when a transaction is already current; default {@link Propagation#REQUIRED}. */
        public Builder propagation(Propagation propagation) {
            this.propagation = propagation;
            return this;
        }

        /** The isolation level (see {@link Isolation} for the mapping per engine). */
        public Builder isolation(Isolation isolation) {
            this.isolation = isolation;
            return this;
        }

        /**
         * Read-only: PostgreSQL {@code SET TRANSACTION READ ONLY}, MariaDB {@code START TRANSACTION READ ONLY},
         * SQLite {@code PRAGMA query_only} (reset when the connection goes back to the pool). Writes fail.
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Shorthand for {@code readOnly(true)}. */
        public Builder readOnly() {
            return readOnly(true);
        }

        /**
         * The longest the block may run, {@link Duration#ZERO} for none. Statements inside get at most the time
         * that remains (the engine cancels them), none starts after it ran out, and a block that ends late rolls
         * back; each failure surfaces as {@link TransactionTimeout}. Server engines count whole seconds per
         * statement.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Refuse to run inside another transaction (Django's {@code durable=True}). Default false. */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /**
         * Whether a joined block gets its own savepoint (default true). Without one, a failure that escapes the
         * block marks the whole transaction rollback-only, even when the caller catches it.
         */
        public Builder savepoint(boolean savepoint) {
            this.savepoint = savepoint;
            return this;
        }

        /**
         * SQLite only: {@code BEGIN IMMEDIATE} (take the write lock at the start, so the transaction cannot fail
         * later on a lock upgrade) or {@code BEGIN DEFERRED}. Default: immediate when read-write. Ignored elsewhere.
         */
        public Builder sqliteImmediate(boolean immediate) {
            this.sqliteImmediate = immediate;
            return this;
        }

        /** The retry policy of the block when it is outermost; default {@link RetryPolicy#defaults()}. */
        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /** Shorthand for {@code retry(RetryPolicy.none())}. */
        public Builder noRetry() {
            return retry(RetryPolicy.none());
        }

        /**
         * Checks every option and returns the immutable options.
         *
         * @throws ConfigurationException listing every problem
         */
        public TxOptions build() {
            List<String> problems = new ArrayList<>();
            if (name == null || name.isBlank() || name.length() > 100) {
                problems.add("transaction name must be 1 to 100 characters, was '" + name + "'");
            }
            if (propagation == null) {
                problems.add("propagation must not be null");
            }
            if (timeout == null || timeout.isNegative()) {
                problems.add("transaction timeout must be zero (none) or positive, was " + timeout);
            }
            if (retry == null) {
                problems.add("retry policy must not be null (use RetryPolicy.none())");
            }
            if (durable && propagation == Propagation.MANDATORY) {
                problems.add("a durable block cannot be MANDATORY: durable refuses to join a transaction");
            }
            if (propagation == Propagation.NEVER && (isolation != null || Boolean.TRUE.equals(readOnly)
                    || Boolean.TRUE.equals(sqliteImmediate))) {
                problems.add("a NEVER block runs without a transaction, so isolation, readOnly and sqliteImmediate "
                        + "cannot apply");
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new TxOptions(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxOptions t && name.equals(t.name) && propagation == t.propagation
                && isolation == t.isolation && Objects.equals(readOnly, t.readOnly) && timeout.equals(t.timeout)
                && durable == t.durable && savepoint == t.savepoint
                && Objects.equals(sqliteImmediate, t.sqliteImmediate) && retry == t.retry;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, propagation, isolation, readOnly, timeout, durable, savepoint, sqliteImmediate);
    }
}
