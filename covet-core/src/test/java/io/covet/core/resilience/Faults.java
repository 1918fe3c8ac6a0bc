package io.covet.core.resilience;

import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.pipeline.Interceptor;
import io.covet.testing.FaultProxy;
import io.covet.testing.Scratch;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Helpers of the resilience tests: URLs through a {@link FaultProxy}, a plain data source, file removal. */
final class Faults {
    private Faults() {
    }

    /** The scratch database's URL with its server's address replaced by the proxy's. */
    static String through(Scratch s, FaultProxy proxy) {
        String url = s.url();
        String location = DatabaseUrl.parse(url).location();
        String port = location.substring(location.lastIndexOf(':') + 1);
        return url.replace(":" + port + "/", ":" + proxy.port() + "/");
    }

    /** A proxy in front of the scratch database's server. */
    static FaultProxy proxy(Scratch s) throws Exception {
        String location = DatabaseUrl.parse(s.url()).location();
        int colon = location.lastIndexOf(':');
        return new FaultProxy(location.substring(0, colon), Integer.parseInt(location.substring(colon + 1)));
    }

    static boolean server(Engine e) {
        return e != Engine.SQLITE;
    }

    /** A data source of raw connections to the scratch database (the fallback of the tests: a "replica"). */
    static DataSource direct(Scratch s) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return s.rawConnection();
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return s.rawConnection();
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
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    /**
     * An interceptor that breaks the connection it hands out while armed: the proxy resets every relayed
     * connection right after the borrow, so the statement runs on a dead socket (the server died under it).
     */
    static final class BreakAfterBorrow implements Interceptor {
        final AtomicBoolean armed = new AtomicBoolean();
        private final FaultProxy proxy;

        BreakAfterBorrow(FaultProxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public Connection acquire(ConnectionChain chain) {
            Connection c = chain.proceed();
            if (armed.getAndSet(false)) {
                proxy.resetAll();
            }
            return c;
        }
    }
}
