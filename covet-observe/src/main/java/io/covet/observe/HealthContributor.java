package io.covet.observe;

import io.covet.core.Database;

/**
 * Adds a check to a database's {@link Health}: pending migrations (covet-migrate), a circuit breaker's state, a
 * replica's lag. Called on every health check, from the thread asking; must be thread-safe and quick, and should
 * not throw (an exception is reported as a {@link Health.Status#DOWN} check naming the contributor).
 */
@FunctionalInterface
public interface HealthContributor {
    /** Checks {@code database} and reports one verdict. */
    Health.Check check(Database database);
}
