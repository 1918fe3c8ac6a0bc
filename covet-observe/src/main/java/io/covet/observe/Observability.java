package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.ConfigurationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Observability for one or more databases: metrics through Micrometer (named and tagged after the OpenTelemetry
 * database semantic conventions), per-shape statistics with percentiles, a slow-query log, recent errors, health
 * probes, OpenTelemetry spans and N+1 detection. It plugs into each database as an interceptor of its statement
 * pipeline, plus a transaction listener and HikariCP's metrics tracker, so every statement (raw SQL, covet-sql,
 * the ORM, migrations, backups) is seen once. Thread-safe.
 *
 * <pre>{@code
 * Observability obs = Observability.builder()
 *         .meterRegistry(prometheusRegistry)
 *         .slowQueryThreshold(Duration.ofMillis(200))
 *         .tracing(openTelemetry)
 *         .build();
 * Database db = obs.open(DatabaseConfig.builder("main", url).build());
 * ...
 * obs.shapes("main").top(ShapeSort.P99, 5);   // the slowest shapes
 * obs.health("main").ready();                  // for /health/ready
 * String json = obs.snapshot().toJson();       // for /stats.json
 * }</pre>
 *
 * <p>Because a database's pipeline is fixed when it opens, observability is added to its configuration
 * ({@link #instrument(DatabaseConfig)}) before it opens; {@link #open(DatabaseConfig)} does both.
 *
 * <p>Per-database settings from {@code covet.properties} override the builder's defaults:
 * {@code covet.databases.<name>.slow-query-threshold=500ms} and {@code covet.databases.<name>.observe.<key>} with
 * keys {@code max-tagged-shapes}, {@code max-shapes}, {@code show-values}, {@code explain-slow},
 * {@code sql-commenter}, {@code tracing}, {@code n-plus-one} ({@code off|warn|strict}) and
 * {@code n-plus-one-threshold}. An unknown or malformed key is refused by {@link #instrument} with a
 * {@link ConfigurationException} naming it.
 *
 * <p>Nothing secret leaves it: SQL text is sent with placeholders, bound values are masked in the slow-query log
 * unless {@link Builder#showValues(boolean)} opts in, and they never reach metrics, spans, errors or snapshots.
 */
public final class Observability implements AutoCloseable {
    private final Settings defaults;
    private final Hub hub;

    private Observability(Builder b) {
        this.defaults = new Settings(b);
        this.hub = new Hub(b.registry != null ? b.registry : new SimpleMeterRegistry(), b.openTelemetry,
                b.contributors);
    }

    /** A builder with the defaults described on each of its methods. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy of {@code config} with this observability plugged in: its statement interceptor (outermost, so it
     * times everything the other interceptors do), its transaction listener and HikariCP's metrics tracker. The
     * database's {@code observability()} settings are validated here.
     *
     * @throws ConfigurationException naming every unknown or malformed observability setting
     * @throws IllegalStateException  when a database of the same name is already instrumented by this instance
     */
    public DatabaseConfig instrument(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        return hub.instrument(config, defaults.with(config.name(), config.observability()));
    }

    /**
     * {@link #instrument} the configuration, open the database and {@link #attach} it (for health checks and
     * pool figures). The database is closed by {@link #close()}.
     *
     * @throws ConfigurationException              naming every unknown or malformed observability setting
     * @throws io.covet.core.error.ConnectionFailure when the server cannot be reached
     */
    public Database open(DatabaseConfig config) {
        Database db = Database.open(instrument(config));
        hub.attach(db, true);
        return db;
    }

    /**
     * Tells observability the database opened from an {@link #instrument}ed configuration, so that its health
     * can be checked and its pool read. Not needed after {@link #open}.
     *
     * @throws IllegalArgumentException when the database was not opened from a configuration instrumented here
     */
    public void attach(Database database) {
        hub.attach(Objects.requireNonNull(database, "database"), false);
    }

    /** The registry every meter goes to (a {@link SimpleMeterRegistry} when the builder was given none). */
    public MeterRegistry registry() {
        return hub.registry();
    }

    /** The names of the instrumented databases, in the order they were instrumented. */
    public List<String> databases() {
        return hub.names();
    }

    /** The attached database of that name, if any. */
    public Optional<Database> database(String name) {
        return hub.database(name);
    }

    /**
     * The per-shape statistics of a database.
     *
     * @throws IllegalArgumentException when no database of that name is instrumented
     */
    public ShapeStats shapes(String database) {
        return hub.observer(database).shapes();
    }

    /**
     * Checks a database now: a validation query on a pooled connection (its round trip), the pool's usage, then
     * every {@link HealthContributor}. DOWN when the query fails; DEGRADED when the pool is exhausted or a
     * contributor says so.
     *
     * @throws IllegalArgumentException when no database of that name is attached
     */
    public Health health(String database) {
        return hub.health(database);
    }

    /** {@link #health(String)} of every attached database, in order. */
    public List<Health> health() {
        return hub.names().stream().filter(n -> hub.database(n).isPresent()).map(hub::health).toList();
    }

    /** Kubernetes readiness: every attached database is {@link Health#ready()}. */
    public boolean ready() {
        return health().stream().allMatch(Health::ready);
    }

    /** Kubernetes liveness: no attached database reports a liveness check DOWN. */
    public boolean live() {
        return health().stream().allMatch(Health::live);
    }

    /**
     * Adds a health check to one database (covet-migrate's pending migrations, a breaker, a replica's lag); it runs
     * after those already added.
     *
     * @throws IllegalArgumentException when no database of that name is instrumented
     */
    public void addHealthContributor(String database, HealthContributor contributor) {
        hub.observer(database).addContributor(Objects.requireNonNull(contributor, "contributor"));
    }

    /** The most recent slow queries of every database, newest first (at most {@link Builder#recentCapacity} per database). */
    public List<SlowQuery> slowQueries() {
        return hub.slowQueries();
    }

    /** The most recent failed statements of every database, newest first (at most {@link Builder#recentCapacity} per database). */
    public List<RecentError> recentErrors() {
        return hub.recentErrors();
    }

    /**
     * Opens a unit of work on this thread for N+1 detection (e.g. one web request); lazy loads are counted per
     * unit. Without an open unit, the outermost transaction block is the unit, and outside both, a run of lazy loads
     * on the thread not interrupted by another statement. Close it on the same thread.
     */
    public UnitOfWork unitOfWork(String name) {
        return hub.nPlusOne().open(Objects.requireNonNull(name, "name"));
    }

    /** Everything at this moment, with the top {@code 20} shapes per database; health is checked now. */
    public ObservabilitySnapshot snapshot() {
        return snapshot(20);
    }

    /**
     * Everything at this moment, with the top {@code shapes} shapes (by total time) per database.
     *
     * @throws IllegalArgumentException when {@code shapes} is negative
     */
    public ObservabilitySnapshot snapshot(int shapes) {
        if (shapes < 0) {
            throw new IllegalArgumentException("shapes must be zero or more, was " + shapes);
        }
        return hub.snapshot(shapes);
    }

    /**
     * Stops observing: removes the meters it registered, ends open spans' scopes it owns, and closes the databases
     * it opened with {@link #open}. Statements of databases still open pass through untouched afterwards.
     */
    @Override
    public void close() {
        hub.close();
    }

    /** A unit of work for N+1 detection, open on one thread. */
    public interface UnitOfWork extends AutoCloseable {
        /** Ends the unit; the next lazy loads count afresh. */
        @Override
        void close();
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        MeterRegistry registry;
        OpenTelemetry openTelemetry;
        int maxTaggedShapes = 100;
        int maxShapes = 1000;
        Duration slowQueryThreshold = Duration.ofMillis(500);
        Duration slowLogInterval = Duration.ofSeconds(10);
        boolean showValues;
        boolean explainSlow;
        boolean sqlCommenter;
        NPlusOneMode nPlusOne = NPlusOneMode.WARN;
        int nPlusOneThreshold = 3;
        int recentCapacity = 100;
        final java.util.List<HealthContributor> contributors = new java.util.ArrayList<>();

        private Builder() {
        }

        /** Where meters go; default a new {@link SimpleMeterRegistry}. Use a Prometheus registry to scrape them. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Turns tracing on: a client span per statement and a span per transaction block, through
         * {@code openTelemetry}'s tracer. Default off; {@code null} turns it off.
         */
        public Builder tracing(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
            return this;
        }

        /**
         * How many shapes per database get a tag value of their own on the metrics (default 100); later new shapes
         * are tagged {@code other}, so the number of time series stays bounded.
         */
        public Builder maxTaggedShapes(int n) {
            this.maxTaggedShapes = n;
            return this;
        }

        /**
         * How many shapes per database are tracked one by one in {@link ShapeStats} (default 1,000, at least
         * {@link #maxTaggedShapes}); later new shapes are folded into {@code other}.
         */
        public Builder maxShapes(int n) {
            this.maxShapes = n;
            return this;
        }

        /**
         * Statements slower than this are logged and kept as {@link SlowQuery}s (default 500 ms;
         * {@link Duration#ZERO} turns the log off). {@code slow-query-threshold} overrides it per database.
         */
        public Builder slowQueryThreshold(Duration threshold) {
            this.slowQueryThreshold = threshold;
            return this;
        }

        /**
         * At most one slow-query log line per shape per interval (default 10 s); the next line says how many were
         * left out. Every slow query is still counted and kept in the recent list.
         */
        public Builder slowLogInterval(Duration interval) {
            this.slowLogInterval = interval;
            return this;
        }

        /** Whether the slow-query log shows bound values (default false: each shown as {@code ***}). */
        public Builder showValues(boolean show) {
            this.showValues = show;
            return this;
        }

        /**
         * Whether the plan of a slow SELECT is captured ({@code EXPLAIN}, on SQLite {@code EXPLAIN QUERY PLAN}) on a
         * separate connection, outside any transaction (default false). Writes are never explained, since
         * {@code EXPLAIN} of a write may run it on some engines.
         */
        public Builder explainSlowQueries(boolean explain) {
            this.explainSlow = explain;
            return this;
        }

        /**
         * Whether statements carry the current trace as a comment {@code /*traceparent='…'*&#47;} so that server logs
         * and {@code pg_stat_activity} show it (default false). Needs {@link #tracing}. The comment makes each
         * statement text unique, which defeats server-side statement caches, so it is only added to statements
         * that run inside a sampled span.
         */
        public Builder sqlCommenter(boolean on) {
            this.sqlCommenter = on;
            return this;
        }

        /** What N+1 detection does (default {@link NPlusOneMode#WARN}). */
        public Builder nPlusOne(NPlusOneMode mode) {
            this.nPlusOne = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** How many lazy loads of one relation in one unit of work count as N+1 (default 3, at least 2). */
        public Builder nPlusOneThreshold(int loads) {
            this.nPlusOneThreshold = loads;
            return this;
        }

        /** How many slow queries and errors are kept per database (default 100 each). */
        public Builder recentCapacity(int n) {
            this.recentCapacity = n;
            return this;
        }

        /** Adds a health check to every database instrumented by the result. */
        public Builder healthContributor(HealthContributor contributor) {
            contributors.add(Objects.requireNonNull(contributor, "contributor"));
            return this;
        }

        /**
         * Checks the settings and returns the observability.
         *
         * @throws ConfigurationException listing every problem
         */
        public Observability build() {
            List<String> problems = Settings.check(this);
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new Observability(this);
        }
    }
}
