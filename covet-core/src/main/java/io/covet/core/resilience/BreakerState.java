package io.covet.core.resilience;

/** The state of a database's circuit breaker. */
public enum BreakerState {
    /** Calls pass; failures are counted. */
    CLOSED,
    /** Calls are refused at once until the open duration is over. */
    OPEN,
    /** A probe is checking the server; other calls are refused until it answers. */
    HALF_OPEN,
    /** The breaker is turned off in the settings: every call passes. */
    DISABLED
}
