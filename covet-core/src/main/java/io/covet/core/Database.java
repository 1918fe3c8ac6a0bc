package io.covet.core;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.dialect.Feature;
import io.covet.core.dialect.ServerInfo;
import io.covet.core.error.CovetException;
import io.covet.core.internal.BulkLoader;
import io.covet.core.internal.Lease;
import io.covet.core.internal.Pipeline;
import io.covet.core.internal.ManagedPool;
import io.covet.core.internal.ServerTimeouts;
import io.covet.core.internal.RawConnections;
import io.covet.core.internal.ReplicaRouting;
import io.covet.core.internal.ReplicaSet;
import io.covet.core.internal.ReplicaSources;
import io.covet.core.internal.ResilienceGuard;
import io.covet.core.error.UnsupportedFeature;
import io.covet.core.internal.ServerProbe;
import io.covet.core.internal.StatementExecutor;
import io.covet.core.pipeline.ConnectionContext;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.resilience.Resilience;
import io.covet.core.pool.Pool;
import io.covet.core.tx.Transaction;
import io.covet.core.tx.TxAction;
import io.covet.core.tx.TxOptions;
import io.covet.core.tx.TxWork;
import io.covet.core.tx.internal.TransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * One logical database: a HikariCP pool, the dialect of the live server, and every way Covet runs SQL on it.
 * Thread-safe; open once and share. Closing it closes its pool.
 *
 * <p>The server is asked what it is when the database opens (engine, version, {@link Feature}s), so an
 * unreachable server fails {@link #open} at once with {@link io.covet.core.error.ConnectionFailure} naming host and
 * port.
 *
 * <p>Every statement and connection borrow passes the database's interceptors, if any are registered
 * ({@link DatabaseConfig.Builder#interceptor}; see {@link io.covet.core.pipeline}).
 *
 * <pre>{@code
 * try (Database db = Database.open("sqlite:app.db")) {
 *     db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)").execute();
 *     db.sql("INSERT INTO t (name) VALUES (?)", "Ada").execute();
 *     List<Row> rows = db.sql("SELECT * FROM t").list();
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
    private final DatabaseConfig config;
    private final DataSource dataSource;
    private final ServerInfo server;
    private final Dialect dialect;
    private final StatementExecutor executor;
    private final String location;
    private final TransactionManager transactions;
    private final ResilienceGuard resilience;
    private final ManagedPool pool;
    private final ReplicaSet replicas;

    private Database(DatabaseConfig config, DataSource dataSource, ManagedPool pool, String location,
                     ReplicaSet replicas) {
        this.config = config;
        this.pool = pool;
        this.replicas = replicas;
        this.dataSource = pool != null ? pool : dataSource;
        boolean ownsDataSource = pool != null;
        this.location = location;
        ServerInfo probed;
        Engine engine = config.url().map(DatabaseUrl::engine).orElse(null);
        try (Connection c = this.dataSource.getConnection()) {
            probed = ServerProbe.probe(c);
            if (pool != null) {
                ServerTimeouts.check(c, probed.engine(), config);
            }
        } catch (SQLException | RuntimeException e) {
            if (ownsDataSource) {
                pool.close();
            }
            if (replicas != null) {
                replicas.close();
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            StatementExecutor failing = new StatementExecutor(config.name(),
                    engine == null ? Engine.POSTGRESQL : engine, dataSource, location);
            throw failing.connectionFailure((SQLException) e);
        }
        this.server = probed;
        this.dialect = Dialect.of(probed);
        this.resilience = config.resilience()
                .map(r -> replicas == null || r.readFallback().isPresent() ? r
                        : r.toBuilder().readFallback(ReplicaSources.anyReplica(replicas)).build())
                .map(r -> new ResilienceGuard(config.name(), probed.engine(), this.dataSource, r)).orElse(null);
        List<Interceptor> chain = interceptors(config);
        if (replicas != null) {
            // innermost: the other interceptors see each statement once, whichever node it ends up on
            chain = new ArrayList<>(chain);
            chain.add(new ReplicaRouting(replicas));
        }
        if (resilience != null) {
            // outermost: the interceptors see every attempt of a retried statement, and none of a refused one
            chain = new ArrayList<>(chain);
            chain.add(0, resilience);
        }
        this.executor = new StatementExecutor(config.name(), probed.engine(), this.dataSource, location,
                new Pipeline(config.name(), probed.engine(), chain));
        executor.guard(new io.covet.core.internal.WriteGuard(config.name(), config.historyRawWrites()));
        this.transactions = new TransactionManager(config, probed.engine(), this.dataSource, executor);
        if (replicas != null) {
            transactions.readOnlySource(ReplicaSources.readOnlyTransactions(replicas));
        }
    }

    /**
     * The explicitly registered interceptors, then (when asked for) the ServiceLoader providers whose class is
     * not registered already.
     */
    private static List<Interceptor> interceptors(DatabaseConfig config) {
        if (!config.discoverInterceptors()) {
            return config.interceptors();
        }
        List<Interceptor> all = new ArrayList<>(config.interceptors());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (Interceptor found : ServiceLoader.load(Interceptor.class,
                loader != null ? loader : Database.class.getClassLoader())) {
            if (all.stream().noneMatch(i -> i.getClass() == found.getClass())) {
                all.add(found);
            }
        }
        return List.copyOf(all);
    }

    /**
     * Opens the {@code default} database at a URL with default settings.
     *
     * @throws io.covet.core.error.ConfigurationException when the URL is malformed
     * @throws io.covet.core.error.ConnectionFailure      when the server cannot be reached
     */
    public static Database open(String url) {
        return open(DatabaseConfig.builder("default").url(url).build());
    }

    /**
     * Opens a database from its configuration: builds its pool (or adopts the given data source) and probes
     * the server.
     *
     * @throws io.covet.core.error.ConnectionFailure when the server cannot be reached
     */
    public static Database open(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.dataSource().isPresent()) {
            return new Database(config, config.dataSource().get(), null, "a caller-provided DataSource", null);
        }
        DatabaseUrl url = config.url().orElseThrow();
        if (config.replicas().isPresent() && url.engine().embedded()) {
            throw new UnsupportedFeature(url.engine(), "read replicas (database '" + config.name() + "')",
                    "An embedded database has no replication: remove its replicas, or use PostgreSQL streaming "
                    + "standbys or MariaDB GTID replicas.");
        }
        ManagedPool pool;
        try {
            pool = ManagedPool.open(config, url);
        } catch (SQLException e) {
            throw new StatementExecutor(config.name(), url.engine(), null, url.location()).connectionFailure(e);
        }
        ReplicaSet replicas = config.replicas().isEmpty() ? null : ReplicaPools.open(config, url, pool);
        return new Database(config, null, pool, url.location(), replicas);
    }

    /** Adopts a caller's data source under the given name; Covet neither pools it again nor closes it. */
    public static Database of(String name, DataSource dataSource) {
        return open(DatabaseConfig.builder(name).dataSource(dataSource).build());
    }

    /** A statement with bound parameters; nothing runs until one of its terminal methods is called. */
    public SqlStatement sql(String sql, Object... params) {
        return new SqlStatement(executor, sql, SqlStatement.copyParams(params), config.queryTimeout(), 0,
                config.streamFetchSize());
    }

    /** A statement with its parameters given as a list. */
    public SqlStatement sql(String sql, List<?> params) {
        return sql(sql, params.toArray());
    }

    /**
     * Runs one statement for each parameter row as a JDBC batch, all or nothing: a failing row rolls the whole
     * batch back.
     *
     * @return the driver's update counts; {@link java.sql.Statement#SUCCESS_NO_INFO} where it reports none
     */
    public int[] batch(String sql, List<? extends List<?>> rows) {
        return executor.batch(sql, rows, config.queryTimeout());
    }

    /**
     * {@link #batch(String, List)} naming the tables the statement writes, for the database's interceptors
     * ({@link io.covet.core.pipeline.StatementContext#tables()}); they change nothing about how it runs.
     */
    public int[] batch(String sql, List<? extends List<?>> rows, List<String> tables) {
        return executor.batch(sql, rows, config.queryTimeout(), List.copyOf(tables));
    }

    /**
     * Loads rows into a table with the engine's fastest path, all or nothing: PostgreSQL {@code COPY FROM STDIN},
     * MariaDB multi-row {@code INSERT}s in one transaction, SQLite a prepared batch in one transaction.
     * Rows are consumed as they are sent, so an iterator over a huge source streams.
     *
     * @param table   the table name (validated and quoted)
     * @param columns the columns each row fills, in order (validated and quoted)
     * @param rows    one array per row, one value per column
     * @return the number of rows loaded
     */
    public long bulkLoad(String table, List<String> columns, Iterator<Object[]> rows) {
        return BulkLoader.load(executor, dialect, table, columns, rows);
    }

    /** {@link #bulkLoad(String, List, Iterator)} over an iterable. */
    public long bulkLoad(String table, List<String> columns, Iterable<Object[]> rows) {
        return bulkLoad(table, columns, rows.iterator());
    }

    /**
     * Protects {@code tables}, whose history an ORM writes itself ({@code @History(capture = APPLICATION)}): from
     * now on, a statement of this database that writes one of them while {@code ownerWriting} is false on the calling
     * thread is refused with {@link io.covet.core.error.UnrecordedWrite} before it is sent, or run with a warning,
     * as {@link DatabaseConfig#historyRawWrites()} says. The written tables are read from the statement's text (the
     * table after {@code INSERT INTO}, {@code UPDATE}, {@code DELETE FROM}, {@code MERGE INTO}, {@code TRUNCATE},
     * {@code COPY}, also inside {@code WITH}); statements run on a connection from {@link #withConnection} or
     * {@link #dataSource()}, writes by functions, procedures or triggers, and the second table of a multi-table
     * {@code UPDATE} are not seen. Calls add up (several ORMs may share a database).
     */
    public void protectWrites(java.util.Collection<String> tables, java.util.function.BooleanSupplier ownerWriting) {
        executor.guard().protect(List.copyOf(tables), Objects.requireNonNull(ownerWriting, "ownerWriting"));
    }

    /**
     * Runs {@code work} on a pooled connection and returns it to the pool afterwards (inside a transaction of
     * this database on this thread: on the transaction's connection). The escape hatch for what the API does not
     * cover; SQL exceptions escaping {@code work} are translated.
     *
     * <p>With interceptors registered, the borrow is an {@link Interceptor#acquire} of purpose
     * {@link ConnectionContext.Purpose#RAW}, and the connection {@code work} gets is a thin wrapper: every
     * statement it executes passes the interceptors as a {@link io.covet.core.pipeline.StatementKind#RAW} statement
     * (SQL text and bound values known, tables not, never redirected), and {@code work} still sees the driver's
     * own {@link SQLException}s. What is done through {@code connection.unwrap(…)} (e.g. PostgreSQL's
     * {@code CopyManager}) is not seen. Without interceptors {@code work} gets the pool's connection itself.
     */
    public <T> T withConnection(ConnectionCallback<T> work) {
        try {
            Lease bound = executor.transactionLease();
            boolean intercepted = executor.pipeline().active();
            if (bound == null && !intercepted) {
                // The common case takes the pool's connection with no lease object (nor wrapper) around it.
                Connection c = executor.borrow();
                T result;
                try {
                    result = work.run(c);
                } catch (Throwable failure) {
                    try {
                        executor.giveBack(c);
                    } catch (SQLException | RuntimeException giveBack) {
                        failure.addSuppressed(giveBack);
                    }
                    throw failure;
                }
                executor.giveBack(c);
                return result;
            }
            try (Lease lease = bound != null ? bound : executor.lease(ConnectionContext.Purpose.RAW)) {
                Connection c = lease.connection();
                return work.run(intercepted ? RawConnections.wrap(c, executor) : c);
            }
        } catch (SQLException e) {
            throw executor.translate(null, e);
        }
    }

    /**
     * The interceptors around this database's statements and connections, outermost first: those registered in
     * the configuration, then any discovered through {@link ServiceLoader}. Unmodifiable.
     */
    public List<Interceptor> interceptors() {
        return executor.pipeline().interceptors();
    }

    /**
     * Runs {@code work} as one atomic unit with the default {@link TxOptions}: it joins the transaction current on
     * this thread (under a savepoint, so a failure the caller catches undoes only this block) or begins one,
     * commits when the outermost block returns, and rolls back when a failure escapes it. Every statement of
     * this database run by the work, on this thread, runs in the transaction. The whole block is retried on
     * serialization failures and deadlocks ({@link io.covet.core.tx.RetryPolicy#defaults()}), so it may run more
     * than once: put side effects in {@link Transaction#onCommit(Runnable)}.
     *
     * <pre>{@code
     * long id = db.atomic(tx -> {
     *     db.sql("UPDATE account SET balance = balance - ? WHERE id = ?", 10, from).execute();
     *     db.sql("UPDATE account SET balance = balance + ? WHERE id = ?", 10, to).execute();
     *     tx.onCommit(() -> audit.log("moved 10"));
     *     return from;
     * });
     * }</pre>
     *
     * @param <X> the checked exception the work may throw; it rolls the block back and reaches the caller as is
     */
    public <T, X extends Exception> T atomic(TxWork<T, X> work) throws X {
        return transactions.atomic(TxOptions.defaults(), work);
    }

    /**
     * Runs {@code work} as one atomic unit with the given options (isolation, read-only, timeout, propagation,
     * durable, retry policy, name); see {@link TxOptions} and {@link io.covet.core.tx.Propagation}.
     *
     * @throws io.covet.core.tx.TransactionException when the options cannot apply here (e.g. a durable block
     *                                               inside a transaction, or a joined block asking for another
     *                                               isolation)
     */
    public <T, X extends Exception> T atomic(TxOptions options, TxWork<T, X> work) throws X {
        return transactions.atomic(Objects.requireNonNull(options, "options"), work);
    }

    /** {@link #atomic(TxWork)} for work that returns nothing. */
    public <X extends Exception> void atomicRun(TxAction<X> work) throws X {
        atomicRun(TxOptions.defaults(), work);
    }

    /** {@link #atomic(TxOptions, TxWork)} for work that returns nothing. */
    public <X extends Exception> void atomicRun(TxOptions options, TxAction<X> work) throws X {
        transactions.atomic(Objects.requireNonNull(options, "options"), tx -> {
            work.run(tx);
            return null;
        });
    }

    /** The transaction block of this database current on the calling thread, if any. */
    public Optional<Transaction> currentTransaction() {
        return transactions.current();
    }

    /**
     * Runs {@code action} once the current transaction of this database commits; outside a transaction it runs
     * at once (there is nothing left to commit). See {@link Transaction#onCommit(Runnable)}.
     */
    public void onCommit(Runnable action) {
        transactions.onCommit(Objects.requireNonNull(action, "action"));
    }

    /**
     * Runs {@code action} if the current transaction of this database rolls back.
     *
     * @throws io.covet.core.tx.TransactionException outside a transaction, where it could never run
     */
    public void onRollback(Runnable action) {
        transactions.onRollback(Objects.requireNonNull(action, "action"));
    }

    /**
     * Covet's own internals, for other Covet modules (e.g. {@code TransactionManager} for two-phase commit).
     * Not an API: what it returns may change in any release.
     *
     * @throws IllegalArgumentException for a type this database does not have
     */
    public <T> T unwrap(Class<T> type) {
        if (type == TransactionManager.class) {
            return type.cast(transactions);
        }
        if (type == StatementExecutor.class) {
            return type.cast(executor);
        }
        throw new IllegalArgumentException("a Database cannot be unwrapped to " + type.getName());
    }

    /**
     * The pool Covet manages for this database: its settings and {@link Pool#stats()}.
     *
     * @throws IllegalStateException for a database on a caller-provided {@link DataSource}, whose pool (if any)
     *                               is the caller's to watch
     */
    public Pool pool() {
        if (pool == null) {
            throw new IllegalStateException("database '" + config.name() + "' runs on a caller-provided DataSource; "
                    + "Covet does not manage its pool, so read its statistics from that pool");
        }
        return pool;
    }

    /**
     * The live state of this database's replicas (health, rotation, lag, routing counters) when its configuration
     * has replicas ({@link DatabaseConfig.Builder#replicas}); empty otherwise.
     */
    public Optional<io.covet.core.replica.Replicas> replicas() {
        return Optional.ofNullable(replicas);
    }

    /** The name of this database in its registry ({@code default} unless configured). */
    public String name() {
        return config.name();
    }

    /** The engine. */
    public Engine engine() {
        return server.engine();
    }

    /**
     * The live resilience state (circuit breaker, counters, read-only switch) when the configuration has
     * resilience settings ({@link DatabaseConfig.Builder#resilience}); empty otherwise. Health checks and metrics
     * read it.
     */
    public Optional<Resilience> resilience() {
        return Optional.ofNullable(resilience);
    }

    /** What the server is and can do, as detected when the database opened. */
    public ServerInfo server() {
        return server;
    }

    /** The dialect: identifier validation and quoting for this server. */
    public Dialect dialect() {
        return dialect;
    }

    /** Whether the server has the feature. */
    public boolean supports(Feature feature) {
        return server.supports(feature);
    }

    /** The configuration this database was opened with. */
    public DatabaseConfig config() {
        return config;
    }

    /** The default statement timeout; {@link Duration#ZERO} for none. */
    public Duration queryTimeout() {
        return config.queryTimeout();
    }

    /**
     * The underlying data source, for libraries that need one (e.g. a migration tool run beside Covet).
     * For a pool Covet creates this is HikariCP's data source. Connections taken from it bypass Covet's error
     * translation, the database's interceptors and the pool's check-out/check-in hooks, validation and lease
     * tracking (on-connect hooks still ran on them): prefer
     * {@link #withConnection} for raw JDBC that the interceptors should see.
     */
    public DataSource dataSource() {
        return pool != null ? pool.hikari() : dataSource;
    }

    /** Closes the pool Covet created; a caller-provided data source is left open. Idempotent. */
    @Override
    public void close() {
        transactions.close();
        if (replicas != null) {
            replicas.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "Database[" + config.name() + ", " + server + " at " + location + "]";
    }
}
