package io.covet.core.internal;

import io.covet.core.replica.ReplicaConfig;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * Data sources over a {@link ReplicaSet} for the code paths that borrow a connection rather than run a routed
 * statement: read-only transactions, and the resilience read fallback while the primary is unavailable. Not an
 * API.
 */
public final class ReplicaSources {
    private ReplicaSources() {
    }

    /**
     * Where a read-only transaction borrows: a replica by the balancing (the primary when none serves, or, with
     * fallback FAIL, a failure), or the primary when the thread pinned reads there or its session has commits a
     * replica may not have replayed yet.
     */
    public static DataSource readOnlyTransactions(ReplicaSet set) {
        return new Source() {
            @Override
            public Connection getConnection() throws SQLException {
                ReadScope scope = ReadScope.current();
                if (scope != null && (scope.pin == ReadScope.Pin.PRIMARY
                        || (scope.session != null && scope.session.token() != null)
                        || (scope.consistency != null && scope.consistency.bound().isPresent()))) {
                    return set.primary.getConnection();
                }
                Connection c = replica(set, false);
                if (c != null) {
                    return c;
                }
                if (set.config.fallback() == ReplicaConfig.Fallback.FAIL) {
                    throw new SQLException("no replica of database '" + set.database + "' can serve a read-only "
                            + "transaction, and its replica fallback is FAIL", "08001");
                }
                set.primaryFallbacks.incrementAndGet();
                return set.primary.getConnection();
            }
        };
    }

    /**
     * The resilience read fallback: any replica that is up, whatever its lag (reads served while the primary is
     * unavailable are flagged stale by the resilience guard).
     */
    public static DataSource anyReplica(ReplicaSet set) {
        return new Source() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = replica(set, true);
                if (c == null) {
                    throw new SQLException("no replica of database '" + set.database + "' is reachable either",
                            "08001");
                }
                return c;
            }
        };
    }

    private static Connection replica(ReplicaSet set, boolean anyLag) {
        long tried = 0;
        for (int i = 0; i < set.nodes.length; i++) {
            ReplicaSet.Node n = set.pick(-1, tried, anyLag);
            if (n == null) {
                return null;
            }
            tried |= 1L << n.index;
            try {
                Connection c = n.pool.getConnection();
                n.reads.incrementAndGet();
                return c;
            } catch (SQLException | RuntimeException e) {
                set.failed(n, e instanceof RuntimeException re ? re : new RuntimeException(e.getMessage(), e));
            }
        }
        return null;
    }

    /** The boilerplate of a data source that only lends connections. */
    abstract static class Source implements DataSource {
        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper for " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
