package io.covet.core.internal;

import io.covet.core.RowMapper;
import io.covet.core.engine.Engine;
import io.covet.core.error.CovetException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A query's rows as a lazy {@link Stream} over an open cursor, for {@link StatementExecutor#stream}: the stream
 * owns its lease, statement and (on PostgreSQL) read transaction until it is closed, and closing releases them
 * all, collecting every failure instead of stopping at the first.
 */
final class ResultStream {
    private ResultStream() {
    }

    /**
     * Opens the cursor on {@code lease} and returns the stream over it; on failure everything opened so far is
     * closed and the driver's exception is translated for {@code engine}.
     */
    static <T> Stream<T> open(Lease lease, Engine engine, String sql, List<?> params, RowMapper<T> mapper,
                              Duration timeout, int fetchSize) {
        PreparedStatement ps = null;
        ResultSet rs = null;
        Timeouts.Guard guard = null;
        boolean startedTransaction = false;
        try {
            Connection c = lease.connection();
            if (lease.owned() && EngineSpecifics.of(engine).streamsInsideTransactionOnly() && c.getAutoCommit()) {
                c.setAutoCommit(false);
                startedTransaction = true;
            }
            ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(fetchSize);
            Binder.bindAll(ps, engine, params);
            guard = Timeouts.apply(ps, engine, lease.timeout(timeout));
            rs = ps.executeQuery();
        } catch (SQLException | RuntimeException e) {
            CovetException failure = e instanceof SQLException se ? ErrorTranslator.translate(engine, sql, se) : null;
            closeQuietly(rs, ps, guard, lease, startedTransaction, e);
            if (failure != null) {
                throw failure;
            }
            throw (RuntimeException) e;
        }
        Cursor<T> cursor = new Cursor<>(engine, sql, rs, mapper);
        PreparedStatement fps = ps;
        ResultSet frs = rs;
        Timeouts.Guard fguard = guard;
        boolean ftx = startedTransaction;
        return StreamSupport.stream(cursor, false).onClose(() -> {
            RuntimeException problem = new RuntimeException();
            closeQuietly(frs, fps, fguard, lease, ftx, problem);
            if (problem.getSuppressed().length > 0) {
                Throwable first = problem.getSuppressed()[0];
                throw first instanceof SQLException se ? ErrorTranslator.translate(engine, sql, se)
                        : new CovetException("closing a result stream failed", first);
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

    private static final class Cursor<T> extends Spliterators.AbstractSpliterator<T> {
        private final Engine engine;
        private final String sql;
        private final ResultSet rs;
        private final RowMapper<T> mapper;

        Cursor(Engine engine, String sql, ResultSet rs, RowMapper<T> mapper) {
            super(Long.MAX_VALUE, Spliterator.ORDERED);
            this.engine = engine;
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
                throw ErrorTranslator.translate(engine, sql, e);
            }
        }
    }
}
