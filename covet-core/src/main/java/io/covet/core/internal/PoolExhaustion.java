package io.covet.core.internal;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.covet.core.engine.Engine;
import io.covet.core.error.PoolExhausted;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * What a caller is told when no connection of a managed pool became free in time: the pool's state, who has held
 * a connection longest and, with a leak threshold set, where it was taken. Carried through JDBC's signatures as a
 * {@link SQLTransientConnectionException} until the statement executor turns it into a {@link PoolExhausted}.
 */
final class PoolExhaustion {
    private PoolExhaustion() {
    }

    /** Carries a {@link PoolExhausted} through JDBC's {@link SQLException} signatures. */
    static final class ExhaustedSignal extends SQLTransientConnectionException {
        final transient PoolExhausted error;

        ExhaustedSignal(PoolExhausted error, SQLException cause) {
            super(error.getMessage(), cause.getSQLState(), cause);
            this.error = error;
        }
    }

    /** The {@link PoolExhausted} an acquire timeout stands for, or null for any other failure. */
    static PoolExhausted of(SQLException e) {
        return e instanceof ExhaustedSignal s ? s.error : null;
    }

    /**
     * The signal for HikariCP's acquire timeout {@code e} of a wait that began at {@code t0}.
     *
     * @param oldest  the longest current lease, or null
     * @param tracked whether the pool tracks leases at all
     */
    static SQLException signal(SQLTransientConnectionException e, long t0, Engine engine, String database,
                               String location, HikariPoolMXBean b, int maximum, PooledConnection.Lease oldest,
                               boolean tracked) {
        int total = b.getTotalConnections();
        int active = b.getActiveConnections();
        int idle = b.getIdleConnections();
        int waiting = b.getThreadsAwaitingConnection();
        long now = System.nanoTime();
        Duration longest = oldest == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, now - oldest.at()));
        StringBuilder m = new StringBuilder("no connection of ").append(engine.displayName()).append(" database '")
                .append(database).append("' at ").append(location).append(" became free within ")
                .append(Duration.ofNanos(now - t0).toMillis()).append(" ms: pool size ").append(total)
                .append(" (max ").append(maximum).append("), ").append(active).append(" active, ")
                .append(idle).append(" idle, ").append(waiting).append(" other caller(s) waiting");
        if (oldest != null) {
            m.append("; the longest current lease has been held ").append(longest.toMillis()).append(" ms by thread '")
                    .append(oldest.threadName()).append("'");
            StackTraceElement[] stack = oldest.stack();
            if (stack != null) {
                m.append(", taken at:");
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    m.append("\n\tat ").append(stack[i]);
                }
                m.append("\n");
            } else {
                m.append(" (set the pool's leak threshold to see where it was taken)");
            }
        } else if (!tracked) {
            m.append("; leases are not tracked (set the pool's leak threshold to see the longest lease and where "
                    + "it was taken)");
        }
        m.append(". Return connections sooner (close results and streams, keep transactions short), or raise "
                + "the pool's maxSize or acquireTimeout");
        PoolExhausted error = new PoolExhausted(m.toString(), engine, total, active, idle, waiting, longest, e);
        return new ExhaustedSignal(error, e);
    }
}
