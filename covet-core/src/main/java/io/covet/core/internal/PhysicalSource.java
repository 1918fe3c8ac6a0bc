package io.covet.core.internal;

import io.covet.core.pool.ConnectionHook;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;

/**
 * The data source HikariCP opens its physical connections from: the driver's own (HikariCP's
 * {@code DriverDataSource}, built from the same URL and properties HikariCP would use), with the on-connect hooks
 * run once on each new connection, and its {@code close()} observed (a {@link DelegatingConnection}) so that every
 * physical close is counted with its reason. HikariCP keeps doing all pooling; this only watches the two ends of a connection's life.
 */
final class PhysicalSource implements DataSource {
    private final DataSource driver;
    private final List<ConnectionHook> onConnect;
    private final ManagedPool pool;

    PhysicalSource(DataSource driver, List<ConnectionHook> onConnect, ManagedPool pool) {
        this.driver = driver;
        this.onConnect = onConnect;
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return watch(driver.getConnection());
    }

    /** HikariCP asks with the configured user and password when one is set. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return watch(driver.getConnection(username, password));
    }

    private Connection watch(Connection real) throws SQLException {
        int i = 0;
        try {
            for (; i < onConnect.size(); i++) {
                onConnect.get(i).run(real);
            }
        } catch (SQLException | RuntimeException e) {
            String what = i < pool.settings().onConnectSql().size()
                    ? "on-connect SQL '" + pool.settings().onConnectSql().get(i) + "'"
                    : "on-connect hook #" + (i + 1);
            try {
                real.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            pool.hookFailedOnConnect();
            String state = e instanceof SQLException se ? se.getSQLState() : null;
            throw new SQLException(what + " failed on a new connection of database '" + pool.database()
                    + "', so the connection was closed: " + e.getMessage() + ". Fix the hook (it runs on every new "
                    + "physical connection)", state, e);
        }
        Watched watched = new Watched(real, pool, System.nanoTime());
        pool.opened(watched.tracked);
        return watched;
    }

    /** The tracking record of a physical connection this source opened, or null for any other connection. */
    static PooledConnection tracked(Connection physical) {
        return physical instanceof Watched w ? w.tracked : null;
    }

    /** A physical connection: every call goes to the driver's; the one {@code close()} HikariCP makes is counted. */
    private static final class Watched extends DelegatingConnection {
        private final ManagedPool pool;
        final PooledConnection tracked;
        private boolean closed;

        Watched(Connection real, ManagedPool pool, long openedAt) {
            super(real);
            this.pool = pool;
            this.tracked = new PooledConnection(this, openedAt);
        }

        @Override
        public void close() throws SQLException {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            try {
                delegate.close();
            } finally {
                pool.closed(tracked);
            }
        }

        @Override
        public String toString() {
            return "covet-physical:" + delegate;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(driver)) {
            return iface.cast(driver);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(driver);
    }
}
