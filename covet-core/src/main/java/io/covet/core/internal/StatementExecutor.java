package io.covet.core.internal;

import io.covet.core.RowMapper;
import io.covet.core.dialect.Engine;
import io.covet.core.error.CovetException;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DataAccessException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one path every statement of a database takes: borrow a connection, prepare, bind, apply the timeout, run,
 * translate errors, return the connection. Metrics, tracing, retries and replica routing hook in here.
 */
public final class StatementExecutor {
    private final String databaseName;
    private final Engine engine;
    private final DataSource dataSource;
    private final String location;
    private volatile TransactionBinding transactions;

    /**
     * @param databaseName the registry name, for messages
     * @param engine       the engine behind the data source
     * @param dataSource   where connections come from
     * @param location     host:port or file, for messages; never contains credentials
     */
    public StatementExecutor(String databaseName, Engine engine, DataSource dataSource, String location) {
        this.databaseName = databaseName;
        this.engine = engine;
        this.dataSource = dataSource;
        this.location = location;
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /**
     * Supplies the connection of the transaction current on the calling thread, so that every statement inside
     * a transaction runs on the transaction's connection.
     */
    @FunctionalInterface
    public interface TransactionBinding {
        /** A non-owned lease on the current transaction's connection, or null outside a transaction. */
        Lease current();
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
        TransactionBinding binding = transactions;
        if (binding != null) {
            Lease bound = binding.current();
            if (bound != null) {
                return bound;
            }
        }
        try {
            return new Lease(dataSource.getConnection(), true);
        } catch (SQLException e) {
            throw connectionFailure(e);
        }
    }

    /** A {@link ConnectionFailure} that names the database and location, never credentials. */
    public ConnectionFailure connectionFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint;
        if (state.startsWith("28") || e.getErrorCode() == 1045 || e.getErrorCode() == 1698) {
            hint = "check the user name and password";
        } else if (state.equals("3D000") || e.getErrorCode() == 1049) {
            hint = "the database does not exist; create it or fix the name in the URL";
        } else if (engine == Engine.SQLITE) {
            hint = "check that the file's directory exists and is writable";
        } else {
            hint = "check that the server is running and reachable";
        }
        return new ConnectionFailure("cannot get a connection to " + engine.displayName() + " database '"
                + databaseName + "' at " + location + "; " + hint, engine, null, e);
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper, Duration timeout, int fetchSize) {
        try (Lease lease = lease();
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
        try (Lease lease = lease();
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
        try (Lease lease = lease();
             PreparedStatement ps = engine == Engine.POSTGRESQL
                     ? lease.connection().prepareStatement(sql, keyColumns)
                     : lease.connection().prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)) {
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
        try (Lease lease = lease()) {
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
        Connection c = lease.connection();
        if (!lease.owned() || !c.getAutoCommit()) {
            Savepoint savepoint = c.setSavepoint();
            try {
                T result = work.run(c);
                c.releaseSavepoint(savepoint);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback(savepoint);
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Streams a query's rows without holding them in memory. The stream owns a connection until it is closed:
     * always close it (try-with-resources).
     *
     * <p>PostgreSQL only streams inside a transaction with a fetch size, so the stream opens a read transaction
     * and commits it on close; MariaDB streams with a fetch size; SQLite's cursor streams by nature.
     */
    public <T> Stream<T> stream(String sql, List<?> params, RowMapper<T> mapper, Duration timeout, int fetchSize) {
        Lease lease = lease();
        PreparedStatement ps = null;
        ResultSet rs = null;
        Timeouts.Guard guard = null;
        boolean startedTransaction = false;
        try {
            Connection c = lease.connection();
            if (engine == Engine.POSTGRESQL && lease.owned() && c.getAutoCommit()) {
                c.setAutoCommit(false);
                startedTransaction = true;
            }
            ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(fetchSize);
            Binder.bindAll(ps, engine, params);
            guard = Timeouts.apply(ps, engine, lease.timeout(timeout));
            rs = ps.executeQuery();
        } catch (SQLException | RuntimeException e) {
            CovetException failure = e instanceof SQLException se ? translate(sql, se) : null;
            closeQuietly(rs, ps, guard, lease, startedTransaction, e);
            if (failure != null) {
                throw failure;
            }
            throw (RuntimeException) e;
        }
        Cursor<T> cursor = new Cursor<>(sql, rs, mapper);
        PreparedStatement fps = ps;
        ResultSet frs = rs;
        Timeouts.Guard fguard = guard;
        boolean ftx = startedTransaction;
        return StreamSupport.stream(cursor, false).onClose(() -> {
            RuntimeException problem = new RuntimeException();
            closeQuietly(frs, fps, fguard, lease, ftx, problem);
            if (problem.getSuppressed().length > 0) {
                Throwable first = problem.getSuppressed()[0];
                throw first instanceof SQLException se ? translate(sql, se) : new CovetException(
                        "closing a result stream failed", first);
            }
        });
    }

    private static void closeQuietly(ResultSet rs, PreparedStatement ps, Timeouts.Guard guard, Lease lease,
                                     boolean endTransaction, Throwable collector) {
        try {
            if (rs != null) {
                rs.close();
            }
        } catch (SQLException e) {
            collector.addSuppressed(e);
        }
        if (guard != null) {
            guard.close();
        }
        try {
            if (ps != null) {
                ps.close();
            }
        } catch (SQLException e) {
            collector.addSuppressed(e);
        }
        try {
            if (endTransaction) {
                Connection c = lease.connection();
                // The stream only read; rolling back ends the snapshot without writing anything.
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            collector.addSuppressed(e);
        }
        try {
            lease.close();
        } catch (SQLException e) {
            collector.addSuppressed(e);
        }
    }

    private final class Cursor<T> extends Spliterators.AbstractSpliterator<T> {
        private final String sql;
        private final ResultSet rs;
        private final RowMapper<T> mapper;

        Cursor(String sql, ResultSet rs, RowMapper<T> mapper) {
            super(Long.MAX_VALUE, Spliterator.ORDERED);
            this.sql = sql;
            this.rs = rs;
            this.mapper = mapper;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            try {
                if (!rs.next()) {
                    return false;
                }
                action.accept(mapper.map(rs));
                return true;
            } catch (SQLException e) {
                throw translate(sql, e);
            }
        }
    }

    /** Translates a driver exception for this engine. */
    public DataAccessException translate(String sql, SQLException e) {
        return ErrorTranslator.translate(engine, sql, e);
    }
}
