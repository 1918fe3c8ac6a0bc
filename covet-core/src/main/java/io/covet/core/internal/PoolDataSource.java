package io.covet.core.internal;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * The {@link DataSource} plumbing of a {@link ManagedPool} besides lending: log writer, login timeout, parent
 * logger and unwrapping go to HikariCP's data source; other credentials are refused.
 */
abstract class PoolDataSource implements DataSource {
    /** HikariCP's data source this pool manages. */
    public abstract HikariDataSource hikari();

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Covet's pools lend connections with the configured credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return hikari().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        hikari().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        hikari().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return hikari().getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return hikari().getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return hikari().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || hikari().isWrapperFor(iface);
    }
}
