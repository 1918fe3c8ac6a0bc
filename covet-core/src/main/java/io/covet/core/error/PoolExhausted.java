package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;
import java.time.Duration;

/**
 * No pooled connection became free within the acquire timeout: every connection was lent and the pool could not
 * grow. The message states the pool (size, active, idle, waiting callers), the longest current lease and, with
 * leak detection on, the stack that took it — usually the place to fix. Transient: the pool may free up.
 */
public final class PoolExhausted extends ConnectionFailure {
    private final int size;
    private final int active;
    private final int idle;
    private final int waiting;
    private final Duration longestLease;

    /**
     * @param summary      the whole message, pool state included
     * @param engine       the engine
     * @param size         open connections when the caller gave up
     * @param active       connections lent out
     * @param idle         connections idle (normally 0)
     * @param waiting      callers waiting besides this one
     * @param longestLease how long the oldest current lease had been held
     * @param cause        HikariCP's timeout
     */
    public PoolExhausted(String summary, Engine engine, int size, int active, int idle, int waiting,
                         Duration longestLease, SQLException cause) {
        super(summary, engine, null, cause);
        this.size = size;
        this.active = active;
        this.idle = idle;
        this.waiting = waiting;
        this.longestLease = longestLease;
    }

    /** Open connections when the caller gave up. */
    public int size() {
        return size;
    }

    /** Connections lent out when the caller gave up. */
    public int active() {
        return active;
    }

    /** Idle connections when the caller gave up. */
    public int idle() {
        return idle;
    }

    /** Other callers waiting when this one gave up. */
    public int waiting() {
        return waiting;
    }

    /** How long the oldest current lease had been held; zero when unknown. */
    public Duration longestLease() {
        return longestLease;
    }
}
