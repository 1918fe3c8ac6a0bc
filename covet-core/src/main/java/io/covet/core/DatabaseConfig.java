package io.covet.core;

import io.covet.core.error.ConfigurationException;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.resilience.ResilienceSettings;
import io.covet.core.pool.PoolSettings;
import io.covet.core.replica.ReplicaConfig;
import io.covet.core.tx.LongTransactionListener;
import io.covet.core.tx.TransactionListener;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable settings of one named database. Build with {@link #builder(String)}; {@link Builder#build()}
 * validates every setting at once and reports all problems in one {@link ConfigurationException}.
 *
 * <p>Defaults: pool of 10 connections for servers, 4 for a SQLite file (one writer at a time, readers in
 * parallel under WAL) and 1 for {@code sqlite::memory:}; 10 s to obtain a connection; no query timeout; streams
 * fetch 1,000 rows per round trip; SQLite waits up to 5 s for a busy lock.
 */
public final class DatabaseConfig {
    private final String name;
    private final DatabaseUrl url;
    private final DataSource dataSource;
    private final int maxPoolSize;
    private final int minIdle;
    private final Duration connectionTimeout;
    private final Duration queryTimeout;
    private final int streamFetchSize;
    private final Duration sqliteBusyTimeout;
    private final Map<String, String> driverProperties;
    private final MeterRegistry meterRegistry;
    private final Duration longTransactionThreshold;
    private final LongTransactionListener longTransactionListener;
    private final List<Interceptor> interceptors;
    private final boolean discoverInterceptors;
    private final Map<String, String> observability;
    private final MeterRegistry poolMetrics;
    private final List<TransactionListener> transactionListeners;
    private final ResilienceSettings resilience;
    private final PoolSettings pool;
    private final io.covet.core.tx.ExternalTransactions externalTransactions;
    private final ReplicaConfig replicas;
    private final RawWritePolicy historyRawWrites;

    private DatabaseConfig(Builder b, DatabaseUrl url, PoolSettings pool) {
        this.name = b.name;
        this.url = url;
        this.dataSource = b.dataSource;
        this.maxPoolSize = b.maxPoolSize > 0 ? b.maxPoolSize : DatabaseConfigCheck.defaultPoolSize(url);
        this.minIdle = b.minIdle >= 0 ? Math.min(b.minIdle, this.maxPoolSize) : Math.min(2, this.maxPoolSize);
        this.connectionTimeout = b.connectionTimeout;
        this.queryTimeout = b.queryTimeout;
        this.streamFetchSize = b.streamFetchSize;
        this.sqliteBusyTimeout = b.sqliteBusyTimeout;
        this.driverProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.driverProperties));
        this.meterRegistry = b.meterRegistry;
        this.longTransactionThreshold = b.longTransactionThreshold;
        this.longTransactionListener = b.longTransactionListener;
        this.interceptors = List.copyOf(b.interceptors);
        this.discoverInterceptors = b.discoverInterceptors;
        this.observability = Collections.unmodifiableMap(new LinkedHashMap<>(b.observability));
        this.poolMetrics = b.poolMetrics;
        this.transactionListeners = List.copyOf(b.transactionListeners);
        this.resilience = b.resilience;
        this.pool = pool;
        this.externalTransactions = b.externalTransactions;
        this.replicas = b.replicas;
        this.historyRawWrites = b.historyRawWrites;
    }

    /**
     * What happens to a statement that writes a table whose history the ORM writes itself, from outside the ORM
     * ({@link RawWritePolicy}); {@link RawWritePolicy#REFUSE} unless set.
     */
    public RawWritePolicy historyRawWrites() {
        return historyRawWrites;
    }

    /** A builder for the database called {@code name} ({@code default} for the main one). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder for the database called {@code name} at {@code url}. */
    public static Builder builder(String name, String url) {
        return new Builder(name).url(url);
    }

    /** The database's name in the registry. */
    public String name() {
        return name;
    }

    /** The URL, unless the database was given as a {@link DataSource}. */
    public Optional<DatabaseUrl> url() {
        return Optional.ofNullable(url);
    }

    /** The caller's own data source, when one was given instead of a URL; Covet does not pool it again. */
    public Optional<DataSource> dataSource() {
        return Optional.ofNullable(dataSource);
    }

    /** The most connections the pool opens. */
    public int maxPoolSize() {
        return maxPoolSize;
    }

    /** The idle connections the pool keeps open. */
    public int minIdle() {
        return minIdle;
    }

    /** How long a caller waits for a free connection before {@link io.covet.core.error.PoolExhausted}. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** The default timeout of every statement; {@link Duration#ZERO} for none. */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** Rows fetched per round trip when streaming. */
    public int streamFetchSize() {
        return streamFetchSize;
    }

    /** How long SQLite waits for a lock held by another connection before {@code LockTimeout}. */
    public Duration sqliteBusyTimeout() {
        return sqliteBusyTimeout;
    }

    /** Extra JDBC driver properties; unmodifiable. */
    public Map<String, String> driverProperties() {
        return driverProperties;
    }

    /** Where transaction metrics go ({@code covet.tx.*}); empty when none was given (nothing is recorded). */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** How long a transaction may stay open before it is reported as long; {@link Duration#ZERO} turns it off. */
    public Duration longTransactionThreshold() {
        return longTransactionThreshold;
    }

    /** Who is told about long transactions besides the log and the metric, when set. */
    public Optional<LongTransactionListener> longTransactionListener() {
        return Optional.ofNullable(longTransactionListener);
    }

    /**
     * The interceptors registered explicitly (builder, then {@code covet.properties}), outermost first;
     * unmodifiable. See {@link io.covet.core.pipeline.Interceptor}.
     */
    public List<Interceptor> interceptors() {
        return interceptors;
    }

    /**
     * Whether {@link java.util.ServiceLoader} providers of {@link Interceptor} are added when the database opens
     * (default false: a jar on the class path does not change what runs around every statement unless asked).
     */
    public boolean discoverInterceptors() {
        return discoverInterceptors;
    }

    /**
     * A builder holding every setting of this configuration (URL with its credentials, or the data source; pool,
     * timeouts, registry, interceptors), to derive a changed copy, e.g. with one more interceptor. This
     * configuration is not changed.
     */
    public Builder toBuilder() {
        return toBuilder(name);
    }

    /** {@link #toBuilder()} for the database called {@code name} (a replica node's configuration). */
    Builder toBuilder(String name) {
        Builder b = new Builder(name);
        if (url != null) {
            b.url(url);
        }
        b.dataSource = dataSource;
        b.maxPoolSize = maxPoolSize;
        b.minIdle = minIdle;
        b.connectionTimeout = connectionTimeout;
        b.queryTimeout = queryTimeout;
        b.streamFetchSize = streamFetchSize;
        b.sqliteBusyTimeout = sqliteBusyTimeout;
        b.driverProperties.putAll(driverProperties);
        b.meterRegistry = meterRegistry;
        b.longTransactionThreshold = longTransactionThreshold;
        b.longTransactionListener = longTransactionListener;
        b.interceptors.addAll(interceptors);
        b.discoverInterceptors = discoverInterceptors;
        b.observability.putAll(observability);
        b.poolMetrics = poolMetrics;
        b.transactionListeners.addAll(transactionListeners);
        b.historyRawWrites = historyRawWrites;
        b.resilience = resilience;
        b.pool = pool;
        b.externalTransactions = externalTransactions;
        b.replicas = replicas;
        return b;
    }

    /**
     * Transactions a framework runs on this database's connections, which Covet's blocks and statements join
     * (see {@link io.covet.core.tx.ExternalTransactions}); empty for none, the default.
     */
    public Optional<io.covet.core.tx.ExternalTransactions> externalTransactions() {
        return Optional.ofNullable(externalTransactions);
    }

    /**
     * The observability settings given for this database ({@code slow-query-threshold} and the
     * {@code observe.*} keys of {@code covet.properties}), verbatim and in order; unmodifiable. Core does not
     * interpret them: covet-observe validates them when it instruments the database, and refuses an unknown or
     * malformed key naming it.
     */
    public Map<String, String> observability() {
        return observability;
    }

    /** Who is told about each outermost transaction block, in registration order; unmodifiable. */
    public List<TransactionListener> transactionListeners() {
        return transactionListeners;
    }

    /**
     * Where HikariCP's own pool metrics ({@code hikaricp.connections.*}: active, idle, pending, acquire and usage
     * times, timeouts) are registered, tagged with the pool name {@code covet-<name>}; empty for none. Only for a
     * pool Covet creates (not a caller's data source).
     */
    public Optional<MeterRegistry> poolMetrics() {
        return Optional.ofNullable(poolMetrics);
    }

    /**
     * The database's resilience settings (circuit breaker, retries, bulkhead, read-only mode, read fallback);
     * empty for none, the default: every call then goes straight to the pool, as without this feature.
     */
    public Optional<ResilienceSettings> resilience() {
        return Optional.ofNullable(resilience);
    }

    /**
     * The pool's settings, with {@link #maxPoolSize()}, {@link #minIdle()} and {@link #connectionTimeout()} filled
     * in (see {@link Builder#pool(PoolSettings)}). Applies only to a pool Covet creates (not a caller's data source).
     */
    public PoolSettings pool() {
        return pool;
    }

    /**
     * The database's read replicas and how reads are routed to them ({@link ReplicaConfig}); empty for none, the
     * default: every statement runs on the one server.
     */
    public Optional<ReplicaConfig> replicas() {
        return Optional.ofNullable(replicas);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[name=" + name + ", " + (url != null ? "url=" + url : "dataSource=" + dataSource.getClass().getName())
                + ", maxPoolSize=" + maxPoolSize + ", queryTimeout=" + queryTimeout + "]";
    }

    /** Collects settings; {@link #build()} checks them all at once. Not thread-safe. */
    public static final class Builder {
        // Package-private: DatabaseConfigCheck validates them, ReplicaPools derives a replica node from them.
        final String name;
        String urlText;
        DatabaseUrl parsedUrl;
        DataSource dataSource;
        String user;
        String password;
        int maxPoolSize;
        int minIdle = -1;
        Duration connectionTimeout = Duration.ofSeconds(10);
        Duration queryTimeout = Duration.ZERO;
        int streamFetchSize = 1000;
        Duration sqliteBusyTimeout = Duration.ofSeconds(5);
        final Map<String, String> driverProperties = new LinkedHashMap<>();
        MeterRegistry meterRegistry;
        Duration longTransactionThreshold = Duration.ofSeconds(60);
        LongTransactionListener longTransactionListener;
        final List<Interceptor> interceptors = new ArrayList<>();
        boolean discoverInterceptors;
        final List<String> interceptorProblems = new ArrayList<>();
        final Map<String, String> observability = new LinkedHashMap<>();
        MeterRegistry poolMetrics;
        final List<TransactionListener> transactionListeners = new ArrayList<>();
        ResilienceSettings resilience;
        io.covet.core.tx.ExternalTransactions externalTransactions;
        PoolSettings pool = PoolSettings.defaults();
        ReplicaConfig replicas;
        RawWritePolicy historyRawWrites = RawWritePolicy.REFUSE;

        private Builder(String name) {
            this.name = name;
        }

        /** The database URL (see {@link DatabaseUrl}). */
        public Builder url(String url) {
            this.urlText = url;
            this.parsedUrl = null;
            return this;
        }

        /** The database URL, already parsed. */
        public Builder url(DatabaseUrl url) {
            this.parsedUrl = Objects.requireNonNull(url, "url");
            this.urlText = null;
            return this;
        }

        /** Use the caller's data source instead of a URL; the engine is detected from it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** The user name; overrides one in the URL. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password; overrides one in the URL. Never logged or printed. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The pool's maximum size (at least 1). */
        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            if (maxPoolSize <= 0) {
                this.maxPoolSize = Integer.MIN_VALUE; // remembered as invalid for build()
            }
            return this;
        }

        /** Idle connections to keep open (at most the pool size). */
        public Builder minIdle(int minIdle) {
            this.minIdle = minIdle;
            return this;
        }

        /** How long to wait for a free connection (at least 250 ms, HikariCP's floor). */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = timeout;
            return this;
        }

        /** The default statement timeout; {@link Duration#ZERO} for none. */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = timeout;
            return this;
        }

        /** Rows per round trip when streaming (at least 1). */
        public Builder streamFetchSize(int rows) {
            this.streamFetchSize = rows;
            return this;
        }

        /** How long SQLite waits on a busy lock. */
        public Builder sqliteBusyTimeout(Duration timeout) {
            this.sqliteBusyTimeout = timeout;
            return this;
        }

        /** An extra JDBC driver property, e.g. {@code sslmode=require}. */
        public Builder driverProperty(String key, String value) {
            driverProperties.put(key, value);
            return this;
        }

        /** The Micrometer registry for transaction metrics (attempts, retries, commits, rollbacks, long ones). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /**
         * Report transactions open longer than this (log, metric {@code covet.tx.long}, listener), with the
         * block name and the stack where each began. Default 60 s; {@link Duration#ZERO} turns the monitor off
         * (and the capture of a stack per transaction with it).
         */
        public Builder longTransactionThreshold(Duration threshold) {
            this.longTransactionThreshold = threshold;
            return this;
        }

        /** Also tell {@code listener} about each long transaction. */
        public Builder longTransactionListener(LongTransactionListener listener) {
            this.longTransactionListener = listener;
            return this;
        }

        /**
         * Adds an interceptor after those already added; the first one added is the outermost. The same
         * instance added twice is refused.
         */
        public Builder interceptor(Interceptor interceptor) {
            Objects.requireNonNull(interceptor, "interceptor");
            if (interceptors.contains(interceptor)) {
                interceptorProblems.add("interceptor " + interceptor.getClass().getName() + " is registered twice");
            }
            interceptors.add(interceptor);
            return this;
        }

        /**
         * What to do with a statement that writes a table whose history the ORM writes itself
         * ({@code @History(capture = APPLICATION)}) from outside the ORM: {@link RawWritePolicy#REFUSE} (the
         * default) or {@link RawWritePolicy#LOG}. See {@link Database#protectWrites}.
         */
        public Builder historyRawWrites(RawWritePolicy policy) {
            this.historyRawWrites = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Adds interceptors in order, after those already added. */
        public Builder interceptors(List<? extends Interceptor> interceptors) {
            Objects.requireNonNull(interceptors, "interceptors").forEach(this::interceptor);
            return this;
        }

        /**
         * Adds an interceptor by class name, created with its public no-arg constructor through the thread's
         * context class loader (what the {@code interceptors} key of {@code covet.properties} does). A class that
         * cannot be loaded or created is reported by {@link #build()}.
         */
        public Builder interceptorClass(String className) {
            InterceptorClasses.create(className, interceptorProblems, this::interceptor);
            return this;
        }

        /**
         * Also use the {@link java.util.ServiceLoader} providers of {@link Interceptor} found when the database
         * opens (default off). They run inside (after) the explicitly registered interceptors, in the order the
         * ServiceLoader finds them; a provider whose class is already registered explicitly is skipped, so
         * explicit registration wins.
         */
        public Builder discoverInterceptors(boolean discover) {
            this.discoverInterceptors = discover;
            return this;
        }

        /**
         * An observability setting ({@code slow-query-threshold} or {@code observe.<key>}), kept verbatim for
         * covet-observe, which validates it; see {@link DatabaseConfig#observability()}. A key of another form is
         * refused by {@link #build()}.
         */
        public Builder observability(String key, String value) {
            observability.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Also tells {@code listener} about each outermost transaction block (see {@link TransactionListener}). */
        public Builder transactionListener(TransactionListener listener) {
            transactionListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Registers HikariCP's own Micrometer metrics of the pool Covet creates in {@code registry} (see
         * {@link DatabaseConfig#poolMetrics()}); null for none (the default).
         */
        public Builder poolMetrics(MeterRegistry registry) {
            this.poolMetrics = registry;
            return this;
        }

        /**
         * Lets Covet's blocks and statements join the transactions a framework runs (Spring's transaction manager,
         * for example); see {@link io.covet.core.tx.ExternalTransactions}. Null for none, the default.
         */
        public Builder externalTransactions(io.covet.core.tx.ExternalTransactions external) {
            this.externalTransactions = external;
            return this;
        }

        /**
         * Protects the database with {@code settings} (see {@link ResilienceSettings}); null for none (the
         * default). Its state is then {@code Database.resilience()}.
         */
        public Builder resilience(ResilienceSettings settings) {
            this.resilience = settings;
            return this;
        }

        /**
         * The pool's settings: lifetimes, validation, hooks, leak detection, sizing policy, listeners. Its max size,
         * min idle and acquire timeout, when set, replace {@link #maxPoolSize}, {@link #minIdle} and
         * {@link #connectionTimeout} (whichever is called last wins).
         */
        public Builder pool(PoolSettings settings) {
            this.pool = Objects.requireNonNull(settings, "settings");
            if (settings.maxSize() > 0) {
                this.maxPoolSize = settings.maxSize();
            }
            if (settings.minIdle() >= 0) {
                this.minIdle = settings.minIdle();
            }
            if (settings.acquireTimeout() != null) {
                this.connectionTimeout = settings.acquireTimeout();
            }
            return this;
        }

        /**
         * Read replicas of this database (PostgreSQL streaming standbys, MariaDB replicas): reads outside
         * transactions go to them, everything else to the primary at {@link #url}. See {@code docs/replicas.md}.
         */
        public Builder replicas(ReplicaConfig replicas) {
            this.replicas = Objects.requireNonNull(replicas, "replicas");
            return this;
        }

        /**
         * Validates every setting and returns the immutable configuration.
         *
         * @throws ConfigurationException listing every problem found
         */
        public DatabaseConfig build() {
            DatabaseConfigCheck.Resolved resolved = DatabaseConfigCheck.check(this);
            return new DatabaseConfig(this, resolved.url(), resolved.pool());
        }
    }
}
