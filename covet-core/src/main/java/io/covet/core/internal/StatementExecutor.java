package io.covet.core.internal;

import io.covet.core.RowMapper;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DataAccessException;
import io.covet.core.pipeline.ConnectionContext;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import io.covet.core.tx.Transaction;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one path every statement of a database takes: borrow a connection, prepare, bind, apply the timeout, run,
 * translate errors, return the connection. Metrics, tracing, retries and replica routing hook in through the
 * database's {@link Pipeline}: with no interceptor each method runs its statement directly (no context is built);
 * otherwise it builds a {@link StatementContext} and runs the same code as the chain's last step.
 */
public final class StatementExecutor {
    private final String databaseName;
    private final Engine engine;
    private final DataSource dataSource;
    /** The data source when it is Covet's pool, which lends to this executor unwrapped; else null. */
    private final ManagedPool managed;
    private final String location;
    private final Pipeline pipeline;
    private volatile TransactionBinding transactions;
    private volatile WriteGuard guard = new WriteGuard("", io.covet.core.RawWritePolicy.REFUSE);

    /** An executor without interceptors, e.g. only to build a {@link #connectionFailure} message. */
    public StatementExecutor(String databaseName, Engine engine, DataSource dataSource, String location) {
        this(databaseName, engine, dataSource, location, new Pipeline(databaseName, engine, List.of()));
    }

    /**
     * @param databaseName the registry name, for messages
     * @param engine       the engine behind the data source
     * @param dataSource   where connections come from
     * @param location     host:port or file, for messages; never contains credentials
     * @param pipeline     the database's interceptors
     */
    public StatementExecutor(String databaseName, Engine engine, DataSource dataSource, String location,
                             Pipeline pipeline) {
        this.databaseName = databaseName;
        this.engine = engine;
        this.dataSource = dataSource;
        this.managed = dataSource instanceof ManagedPool m ? m : null;
        this.location = location;
        this.pipeline = pipeline;
    }

    /** Sets the guard of the tables whose writes the ORM records itself (once, by the database). */
    public void guard(WriteGuard g) {
        this.guard = g;
    }

    /** The guard of the tables whose writes the ORM records itself. */
    public WriteGuard guard() {
        return guard;
    }

    /** The database's interceptors. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /**
     * Supplies the connection of the transaction current on the calling thread, so that every statement inside
     * a transaction runs on the transaction's connection.
     */
    public interface TransactionBinding {
        /** A non-owned lease on the current transaction's connection, or null outside a transaction. */
        Lease current();

        /** The transaction block current on the calling thread, or null; claims nothing. */
        Transaction currentTransaction();
    }

    /** Routes statements through {@code binding} first; set once by the transaction manager. */
    public void bindTransactions(TransactionBinding binding) {
        this.transactions = binding;
    }

    /**
     * The current transaction's connection (a non-owned lease) when the calling thread is in one; otherwise
     * borrows a connection, translating a failure into {@link ConnectionFailure} naming where it failed.
     */
    public Lease lease() {
        return lease(ConnectionContext.Purpose.STATEMENT);
    }

    /** {@link #lease()} for a purpose the interceptors are told about when a connection is borrowed. */
    public Lease lease(ConnectionContext.Purpose purpose) {
        Lease bound = transactionLease();
        return bound != null ? bound : borrowLease(purpose);
    }

    /** A non-owned lease on the calling thread's transaction connection for this database, or null outside one. */
    public Lease transactionLease() {
        TransactionBinding binding = transactions;
        return binding == null ? null : binding.current();
    }

    /**
     * A connection of the data source for a caller outside any transaction (see {@link #transactionLease()}) when
     * no interceptor is registered ({@link Pipeline#active()} false): what {@link #lease()} would lend then,
     * without the lease object around it. Give it back with {@link #giveBack}, not {@code close()}: from Covet's
     * own pool it comes unwrapped, and the check-in hooks run there.
     */
    public Connection borrow() {
        try {
            return managed != null ? managed.checkout() : dataSource.getConnection();
        } catch (SQLException e) {
            throw connectionFailure(e);
        }
    }

    /** Returns a connection of {@link #borrow()} to the pool. */
    public void giveBack(Connection c) throws SQLException {
        if (managed != null) {
            managed.release(c);
        } else {
            c.close();
        }
    }

    /** An owned lease from the data source (through the interceptors' acquire when there are any). */
    private Lease borrowLease(ConnectionContext.Purpose purpose) {
        if (pipeline.active()) {
            return pipeline.borrow(dataSource, purpose, false, this::connectionFailure);
        }
        try {
            return managed != null ? new Lease(managed, managed.checkout()) : new Lease(dataSource.getConnection(), true);
        } catch (SQLException e) {
            throw connectionFailure(e);
        }
    }

    /** A lease for one statement: on {@code target} when an interceptor redirected it, else {@link #lease}. */
    private Lease lease(DataSource target, ConnectionContext.Purpose purpose) {
        if (target == null) {
            return lease(purpose);
        }
        return pipeline.borrow(target, purpose, true, e -> new ConnectionFailure("cannot get a connection from "
                + "the DataSource an interceptor redirected a statement of " + engine.displayName() + " database '"
                + databaseName + "' to (" + target.getClass().getName() + "): " + e.getMessage(), engine, null, e));
    }

    /**
     * Runs transaction control ({@code BEGIN}, {@code COMMIT}, savepoints) through the interceptors as a
     * {@link StatementKind#TRANSACTION} statement; the caller gets the driver's exception as thrown.
     *
     * @param sql the command, as interceptors see it
     * @param tx  the block it belongs to, or null when it begins one
     */
    public <T> T control(String sql, Transaction tx, Pipeline.SqlCall<T> call) throws SQLException {
        if (!pipeline.active()) {
            return call.call();
        }
        StatementContext ctx = new StatementContext(databaseName, engine, StatementKind.TRANSACTION, sql, List.of(),
                List.of(List.of()), tx, false);
        return pipeline.runSql(ctx, call, r -> -1, e -> translate(sql, e));
    }

    /** A lease for one statement or bulk load, on {@code target} when an interceptor redirected it. */
    Lease leaseFor(DataSource target) {
        return lease(target, ConnectionContext.Purpose.STATEMENT);
    }

    /** The transaction current on the calling thread for this database, or null. */
    public Transaction currentTransaction() {
        TransactionBinding binding = transactions;
        return binding == null ? null : binding.currentTransaction();
    }

    /**
     * The context of a statement about to run, with the calling thread's transaction; only built when the
     * pipeline is active.
     *
     * @param rows the values bound per execution, or null when unknown
     */
    public StatementContext context(StatementKind kind, String sql, List<String> tables, List<? extends List<?>> rows) {
        Transaction tx = currentTransaction();
        boolean redirectable = tx == null && kind != StatementKind.RAW && kind != StatementKind.TRANSACTION;
        return new StatementContext(databaseName, engine, kind, sql, tables, rows, tx, redirectable);
    }

    /** A {@link ConnectionFailure} that names the database and location, never credentials. */
    public ConnectionFailure connectionFailure(SQLException e) {
        io.covet.core.error.PoolExhausted exhausted = ManagedPool.exhaustion(e);
        if (exhausted != null) {
            return exhausted;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint;
        if (state.startsWith("28") || e.getErrorCode() == 1045 || e.getErrorCode() == 1698) {
            hint = "check the user name and password";
        } else if (state.equals("3D000") || e.getErrorCode() == 1049) {
            hint = "the database does not exist; create it or fix the name in the URL";
        } else {
            hint = EngineSpecifics.of(engine).connectionHint();
        }
        return new ConnectionFailure("cannot get a connection to " + engine.displayName() + " database '"
                + databaseName + "' at " + location + "; " + hint, engine, null, e);
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper, Duration timeout, int fetchSize) {
        return query(sql, params, mapper, timeout, fetchSize, List.of());
    }

    /** {@link #query} naming the tables it reads, for interceptors. */
    public <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper, Duration timeout, int fetchSize,
                             List<String> tables) {
        guard.check(sql);
        if (!pipeline.active()) {
            return runQuery(null, sql, params, mapper, timeout, fetchSize);
        }
        return pipeline.run(context(StatementKind.QUERY, sql, tables, List.of(params)),
                target -> runQuery(target, sql, params, mapper, timeout, fetchSize), List::size);
    }

    private <T> List<T> runQuery(DataSource target, String sql, List<?> params, RowMapper<T> mapper,
                                 Duration timeout, int fetchSize) {
        try (Lease lease = lease(target, ConnectionContext.Purpose.STATEMENT);
             PreparedStatement ps = lease.connection().prepareStatement(sql)) {
            Binder.bindAll(ps, engine, params);
            if (fetchSize > 0) {
                ps.setFetchSize(fetchSize);
            }
            try (Timeouts.Guard g = Timeouts.apply(ps, engine, lease.timeout(timeout)); ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Runs an INSERT, UPDATE, DELETE or DDL statement; returns the update count. */
    public int update(String sql, List<?> params, Duration timeout) {
        return update(sql, params, timeout, List.of());
    }

    /** {@link #update} naming the tables it writes, for interceptors. */
    public int update(String sql, List<?> params, Duration timeout, List<String> tables) {
        return update(sql, params, timeout, tables, false);
    }

    /**
     * {@link #update} naming the tables it writes; {@code idempotent}: the caller promised that running it twice
     * is harmless, so that the resilience link may retry it ({@link StatementContext#idempotent()}).
     */
    public int update(String sql, List<?> params, Duration timeout, List<String> tables, boolean idempotent) {
        guard.check(sql);
        if (!pipeline.active()) {
            return runUpdate(null, sql, params, timeout);
        }
        StatementContext ctx = context(StatementKind.UPDATE, sql, tables, List.of(params));
        return pipeline.run(idempotent ? ctx.markedIdempotent() : ctx,
                target -> runUpdate(target, sql, params, timeout), n -> n);
    }

    private int runUpdate(DataSource target, String sql, List<?> params, Duration timeout) {
        try (Lease lease = lease(target, ConnectionContext.Purpose.STATEMENT);
             PreparedStatement ps = lease.connection().prepareStatement(sql)) {
            Binder.bindAll(ps, engine, params);
            try (Timeouts.Guard g = Timeouts.apply(ps, engine, lease.timeout(timeout))) {
                return ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /**
     * Runs an INSERT and returns the keys the engine generated, mapped by {@code mapper}.
     *
     * @param keyColumns the key columns to return (PostgreSQL needs them; MariaDB and SQLite return the
     *                   auto-increment key whatever is named)
     */
    public <T> List<T> updateReturningKeys(String sql, List<?> params, String[] keyColumns, RowMapper<T> mapper,
                                           Duration timeout) {
        return updateReturningKeys(sql, params, keyColumns, mapper, timeout, List.of());
    }

    /** {@link #updateReturningKeys} naming the tables it writes, for interceptors. */
    public <T> List<T> updateReturningKeys(String sql, List<?> params, String[] keyColumns, RowMapper<T> mapper,
                                           Duration timeout, List<String> tables) {
        guard.check(sql);
        if (!pipeline.active()) {
            return runReturningKeys(null, sql, params, keyColumns, mapper, timeout);
        }
        return pipeline.run(context(StatementKind.UPDATE, sql, tables, List.of(params)),
                target -> runReturningKeys(target, sql, params, keyColumns, mapper, timeout), List::size);
    }

    private <T> List<T> runReturningKeys(DataSource target, String sql, List<?> params, String[] keyColumns,
                                         RowMapper<T> mapper, Duration timeout) {
        try (Lease lease = lease(target, ConnectionContext.Purpose.STATEMENT);
             PreparedStatement ps = EngineSpecifics.of(engine).prepareReturningKeys(lease.connection(), sql,
                     keyColumns)) {
            Binder.bindAll(ps, engine, params);
            try (Timeouts.Guard g = Timeouts.apply(ps, engine, lease.timeout(timeout))) {
                ps.executeUpdate();
            }
            List<T> keys = new ArrayList<>();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                while (rs.next()) {
                    keys.add(mapper.map(rs));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /**
     * Runs one statement once per parameter row as a JDBC batch, atomically: all rows or none.
     *
     * @return the driver's update counts; {@link java.sql.Statement#SUCCESS_NO_INFO} where it has none
     */
    public int[] batch(String sql, List<? extends List<?>> rows, Duration timeout) {
        return batch(sql, rows, timeout, List.of());
    }

    /** {@link #batch} naming the tables it writes, for interceptors. */
    public int[] batch(String sql, List<? extends List<?>> rows, Duration timeout, List<String> tables) {
        guard.check(sql);
        if (!pipeline.active()) {
            return runBatch(null, sql, rows, timeout);
        }
        return pipeline.run(context(StatementKind.BATCH, sql, tables, rows),
                target -> runBatch(target, sql, rows, timeout), StatementExecutor::changed);
    }

    /** The rows a batch changed; a row the driver reports no count for counts as 1. */
    static long changed(int[] counts) {
        long n = 0;
        for (int c : counts) {
            n += c < 0 ? 1 : c;
        }
        return n;
    }

    private int[] runBatch(DataSource target, String sql, List<? extends List<?>> rows, Duration timeout) {
        try (Lease lease = lease(target, ConnectionContext.Purpose.STATEMENT)) {
            return inTransaction(lease, sql, c -> {
                try (PreparedStatement ps = c.prepareStatement(sql);
                     Timeouts.Guard g = Timeouts.apply(ps, engine, lease.timeout(timeout))) {
                    for (List<?> row : rows) {
                        Binder.bindAll(ps, engine, row);
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Work on a raw connection. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        /** Does the work. */
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} all or nothing: in a transaction of its own on a connection the lease owns (commit on
     * success, roll back on any failure), or under a savepoint inside a surrounding transaction, so that a caller
     * who catches the failure does not commit half of the work with the rest of the transaction.
     */
    public <T> T inTransaction(Lease lease, String sqlForErrors, ConnectionWork<T> work) throws SQLException {
        return AllOrNothing.run(lease, work);
    }

    /**
     * Streams a query's rows without holding them in memory. The stream owns a connection until it is closed:
     * always close it (try-with-resources).
     *
     * <p>PostgreSQL only streams inside a transaction with a fetch size, so the stream opens a read transaction
     * and commits it on close; MariaDB streams with a fetch size; SQLite's cursor streams by nature.
     */
    public <T> Stream<T> stream(String sql, List<?> params, RowMapper<T> mapper, Duration timeout, int fetchSize) {
        return stream(sql, params, mapper, timeout, fetchSize, List.of());
    }

    /** {@link #stream} naming the tables it reads, for interceptors. */
    public <T> Stream<T> stream(String sql, List<?> params, RowMapper<T> mapper, Duration timeout, int fetchSize,
                                List<String> tables) {
        guard.check(sql);
        if (!pipeline.active()) {
            return runStream(null, sql, params, mapper, timeout, fetchSize);
        }
        return pipeline.run(context(StatementKind.STREAM, sql, tables, List.of(params)),
                target -> runStream(target, sql, params, mapper, timeout, fetchSize), s -> -1);
    }

    private <T> Stream<T> runStream(DataSource target, String sql, List<?> params, RowMapper<T> mapper,
                                    Duration timeout, int fetchSize) {
        return ResultStream.open(lease(target, ConnectionContext.Purpose.STREAM), engine, sql, params, mapper,
                timeout, fetchSize);
    }

    /** Translates a driver exception for this engine. */
    public DataAccessException translate(String sql, SQLException e) {
        return ErrorTranslator.translate(engine, sql, e);
    }
}
