package io.covet.core.internal;

import io.covet.core.engine.Engine;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Applies a per-statement timeout the way each engine honours it best.
 *
 * <p>PostgreSQL and MariaDB get {@link Statement#setQueryTimeout(int)} (the server cancels the statement;
 * MariaDB's driver turns it into {@code max_statement_time}), rounded up to whole seconds as JDBC demands.
 * SQLite has no server: a timer calls {@link Statement#cancel()}, which interrupts the running statement
 * ({@code sqlite3_interrupt}) with millisecond precision.
 */
final class Timeouts {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "covet-query-timeout");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Timeouts() {
    }

    /** A guard that must be closed when the statement finishes; closing it disarms the SQLite timer. */
    interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    private static final Guard NONE = () -> {
    };

    static Guard apply(Statement st, Engine engine, Duration timeout) throws SQLException {
        if (timeout == null || timeout.isZero()) {
            return NONE;
        }
        return EngineSpecifics.of(engine).applyTimeout(st, timeout);
    }

    /** Cancels the statement from a timer thread after {@code timeout}, to the millisecond. */
    static Guard byTimer(Statement st, Duration timeout) {
        ScheduledFuture<?> f = TIMER.schedule(() -> {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    /** Lets the server cancel the statement, in whole seconds rounded up as JDBC demands. */
    static Guard byServer(Statement st, Duration timeout) throws SQLException {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        st.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
        return NONE;
    }
}
