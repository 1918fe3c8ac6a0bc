package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.time.Instant;
import java.util.Optional;

/**
 * The call was refused before it reached the server: the database's circuit breaker is open (its server failed
 * repeatedly) or half-open (a probe is checking it), or its bulkhead is full. Nothing ran. Transient: the message
 * says when the breaker probes again.
 */
public final class DatabaseUnavailable extends DataAccessException {
    private final String database;
    private final String state;
    private final Instant nextProbe;

    /**
     * @param summary   what was refused and why
     * @param engine    the database's engine
     * @param database  the database's name
     * @param state     the breaker's state ({@code OPEN}, {@code HALF_OPEN}) or {@code BULKHEAD_FULL}
     * @param nextProbe when the breaker probes the server again, or null
     */
    public DatabaseUnavailable(String summary, Engine engine, String database, String state, Instant nextProbe) {
        super(summary, engine, null, null);
        this.database = database;
        this.state = state;
        this.nextProbe = nextProbe;
    }

    /** The name of the refused database. */
    public String database() {
        return database;
    }

    /** The breaker's state when the call was refused, or {@code BULKHEAD_FULL}. */
    public String state() {
        return state;
    }

    /** When the breaker lets a probe through, if it is open. */
    public Optional<Instant> nextProbe() {
        return Optional.ofNullable(nextProbe);
    }

    /** Always true: the database may be available again soon. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
