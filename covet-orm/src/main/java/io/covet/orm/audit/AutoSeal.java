package io.covet.orm.audit;

import io.covet.core.Database;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Seals the audit chain without a cron job: {@link AuditTrail#seal()} on a background thread of its own, every
 * {@link Options.Builder#every(Duration) period} and/or after every {@link Options.Builder#afterWrites(int) N}
 * write statements to tracked tables (counted by {@link #interceptor()}, which must be registered on the database).
 *
 * <pre>{@code
 * AutoSeal seal = AutoSeal.create(AutoSeal.Options.builder().afterWrites(100).every(Duration.ofMinutes(5)).build());
 * Database db = Database.open(DatabaseConfig.builder(url).interceptor(seal.interceptor()).build());
 * seal.start(db);        // ... and seal.close() before db.close()
 * }</pre>
 *
 * <p>Guarantees: a write counted by the interceptor inside a transaction triggers its seal only after that
 * transaction commits (a seal sees committed rows only); outside a transaction, right after the statement. Seals
 * never run on the writer's thread, never two at once from one {@code AutoSeal}, and a seal asked for while one is
 * queued is merged into it. A failing seal (e.g. a concurrent seal by another process, which conflicts on the
 * chain's key and changes nothing) is counted, handed to {@link Options.Builder#onFailure(Consumer)} and retried
 * at the next trigger. Raw SQL that does not name its tables is counted when its text mentions a tracked table
 * (a superset: an extra seal is harmless). Each seal reads every history row, like {@link AuditTrail#seal()}.
 */
public final class AutoSeal implements AutoCloseable {
    /** When to seal. Immutable; built with {@link #builder()}. */
    public static final class Options {
        private final Duration every;
        private final int afterWrites;
        private final Consumer<RuntimeException> onFailure;

        private Options(Builder b) {
            this.every = b.every;
            this.afterWrites = b.afterWrites;
            this.onFailure = b.onFailure;
        }

        /** A builder with nothing set: set {@code every}, {@code afterWrites} or both. */
        public static Builder builder() {
            return new Builder();
        }

        /** The period between scheduled seals, if any. */
        public Optional<Duration> every() {
            return Optional.ofNullable(every);
        }

        /** The number of write statements to tracked tables that triggers a seal; 0 when not counting. */
        public int afterWrites() {
            return afterWrites;
        }

        /** Builds {@link Options}. */
        public static final class Builder {
            private Duration every;
            private int afterWrites;
            private Consumer<RuntimeException> onFailure = e -> { };

            private Builder() {
            }

            /**
             * Seals every {@code period} (fixed delay, first after one period).
             *
             * @throws IllegalArgumentException when the period is not positive
             */
            public Builder every(Duration period) {
                Objects.requireNonNull(period, "period");
                if (period.isZero() || period.isNegative()) {
                    throw new IllegalArgumentException("AutoSeal every(" + period + "): the period must be positive, "
                            + "e.g. Duration.ofMinutes(5)");
                }
                this.every = period;
                return this;
            }

            /**
             * Seals after every {@code n} write statements (INSERT, UPDATE, DELETE, bulk load) to tracked tables.
             *
             * @throws IllegalArgumentException when {@code n} is not positive
             */
            public Builder afterWrites(int n) {
                if (n <= 0) {
                    throw new IllegalArgumentException("AutoSeal afterWrites(" + n + "): the number of writes must "
                            + "be at least 1 (1 seals after every write)");
                }
                this.afterWrites = n;
                return this;
            }

            /** Receives each failed seal (on the sealing thread); the default ignores it (see {@link #failures()}). */
            public Builder onFailure(Consumer<RuntimeException> action) {
                this.onFailure = Objects.requireNonNull(action, "action");
                return this;
            }

            /**
             * The options.
             *
             * @throws IllegalArgumentException when neither {@code every} nor {@code afterWrites} was set
             */
            public Options build() {
                if (every == null && afterWrites == 0) {
                    throw new IllegalArgumentException("AutoSeal options: set every(period), afterWrites(n) or both; "
                            + "with neither nothing would ever seal");
                }
                return new Options(this);
            }
        }
    }

    private final Options options;
    private final Interceptor interceptor = new Counter();
    private final ScheduledExecutorService executor;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong seals = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Database db;
    private volatile Set<String> tracked = Set.of();
    private volatile Pattern mentioned;
    private volatile RuntimeException lastFailure;

    private AutoSeal(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "covet-audit-seal");
            t.setDaemon(true);
            return t;
        });
    }

    /** An automatic sealer, not started: register {@link #interceptor()} on the database, then {@link #start}. */
    public static AutoSeal create(Options options) {
        return new AutoSeal(options);
    }

    /**
     * A started sealer for {@code db} with a period only ({@code afterWrites} needs the interceptor registered when
     * the database is built: use {@link #create} then).
     */
    public static AutoSeal start(Database db, Options options) {
        return create(options).start(db);
    }

    /** The interceptor that counts writes to tracked tables; register it in the database's configuration. */
    public Interceptor interceptor() {
        return interceptor;
    }

    /**
     * Starts sealing {@code db}: reads which tables are tracked, schedules the periodic seal and lets the counted
     * writes trigger seals. Returns this.
     *
     * @throws IllegalArgumentException when {@code afterWrites} is set but {@link #interceptor()} is not among
     *                                  {@code db}'s interceptors (no write would be counted)
     * @throws IllegalStateException    when already started or closed
     */
    public AutoSeal start(Database db) {
        Objects.requireNonNull(db, "db");
        if (options.afterWrites() > 0 && !db.interceptors().contains(interceptor)) {
            throw new IllegalArgumentException("AutoSeal afterWrites(" + options.afterWrites() + ") on database "
                    + db.name() + ": its interceptor is not registered there, so no write would be counted; build "
                    + "the database with DatabaseConfig.builder(url).interceptor(autoSeal.interceptor())");
        }
        if (this.db != null || executor.isShutdown()) {
            throw new IllegalStateException("AutoSeal was already started or closed; create one per database");
        }
        this.db = db;
        refreshTracked();
        options.every().ifPresent(p -> executor.scheduleWithFixedDelay(this::sealNowOnThread, p.toMillis(),
                p.toMillis(), TimeUnit.MILLISECONDS));
        return this;
    }

    private void refreshTracked() {
        Set<String> t = AuditTrail.of(db).models().stream().map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        tracked = t;
        mentioned = t.isEmpty() ? null : Pattern.compile("\\b(" + t.stream().map(Pattern::quote)
                .collect(Collectors.joining("|")) + ")\\b", Pattern.CASE_INSENSITIVE);
    }

    /** Queues one seal unless one is queued already. */
    private void request() {
        if (db != null && !executor.isShutdown() && queued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    queued.set(false);
                    sealNowOnThread();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // closed meanwhile
            }
        }
    }

    private void sealNowOnThread() {
        try {
            AuditTrail.of(db).seal();
            seals.incrementAndGet();
            refreshTracked();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastFailure = e;
            try {
                options.onFailure.accept(e);
            } catch (RuntimeException ignored) {
                // the handler's own failure must not stop the sealing thread
            }
        }
    }

    /**
     * Waits until every seal asked for so far has run (a scheduled one in progress included).
     *
     * @throws IllegalStateException when not started, closed, or interrupted while waiting
     */
    public void awaitIdle() {
        if (db == null || executor.isShutdown()) {
            throw new IllegalStateException("AutoSeal is not running");
        }
        try {
            executor.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the audit seal", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many seals ran successfully. */
    public long seals() {
        return seals.get();
    }

    /** How many seals failed (each retried at the next trigger). */
    public long failures() {
        return failures.get();
    }

    /** The last failed seal's error, if any. */
    public Optional<RuntimeException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Stops sealing: cancels the schedule and waits (up to 30 s) for a seal in progress. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean writesTracked(StatementContext c) {
        Operation op = c.operation();
        // the ORM's UPDATE-with-its-version statement of application capture is run as a query (for its count)
        if (op != Operation.INSERT && op != Operation.UPDATE && op != Operation.DELETE
                && !io.covet.orm.internal.AppHistory.writesRows(c.sql())) {
            return false;
        }
        if (!c.tables().isEmpty()) {
            Set<String> t = tracked;
            return c.tables().stream().anyMatch(n -> t.contains(n.toLowerCase(Locale.ROOT)));
        }
        Pattern p = mentioned;
        return p != null && p.matcher(c.sql()).find();
    }

    private void counted() {
        int n = options.afterWrites();
        long v = writes.incrementAndGet();
        if (v >= n && writes.compareAndSet(v, 0)) {
            request();
        }
    }

    private final class Counter implements Interceptor {
        @Override
        public <T> T intercept(Chain<T> chain) {
            T result = chain.proceed();
            StatementContext c = chain.context();
            if (options.afterWrites() > 0 && db != null && writesTracked(c)) {
                var tx = c.transaction();
                if (tx.isPresent()) {
                    tx.get().onCommit(AutoSeal.this::counted);
                } else {
                    counted();
                }
            }
            return result;
        }
    }
}
