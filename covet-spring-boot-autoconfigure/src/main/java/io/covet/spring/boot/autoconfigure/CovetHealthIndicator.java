package io.covet.spring.boot.autoconfigure;

import io.covet.core.Database;
import io.covet.core.resilience.Resilience;
import io.covet.observe.Health;
import io.covet.observe.Observability;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actuator health of one Covet database, from covet-observe's checks: a validation round trip, the pool
 * (usage and, for a pool Covet owns, check-outs, time-outs, leaks and acquire time), every registered contributor
 * (pending migrations among them) and the circuit breaker when resilience is configured. DOWN when a readiness
 * check is down; Covet's DEGRADED (pool exhausted, an edited migration, a half-open breaker) stays UP with
 * {@code covetStatus: DEGRADED} in the details, since Boot's aggregation knows no such status. Never shows a
 * password or bound value.
 */
public final class CovetHealthIndicator extends AbstractHealthIndicator {
    private final Observability observability;
    private final Database database;

    /** The health of {@code database}, which {@code observability} instruments. */
    public CovetHealthIndicator(Observability observability, Database database) {
        super("Covet health check failed");
        this.observability = observability;
        this.database = database;
    }

    @Override
    protected void doHealthCheck(org.springframework.boot.health.contributor.Health.Builder builder) {
        Health h = observability.health(database.name());
        builder.status(h.ready() ? Status.UP : Status.DOWN);
        builder.withDetail("covetStatus", h.status().name());
        builder.withDetail("engine", h.engine());
        builder.withDetail("roundTripMillis", h.roundTripMillis());
        if (database.config().dataSource().isEmpty()) {
            builder.withDetail("pool", PoolFigures.of(database));
        } else {
            h.pool().ifPresent(p -> builder.withDetail("pool", Map.of("max", p.max(), "active", p.active(),
                    "idle", p.idle(), "pending", p.pending())));
        }
        Map<String, Object> checks = new LinkedHashMap<>();
        for (Health.Check c : h.checks()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("status", c.status().name());
            one.put("detail", c.detail());
            if (!c.data().isEmpty()) {
                one.put("data", c.data());
            }
            checks.put(c.name(), one);
        }
        builder.withDetail("checks", checks);
        database.resilience().ifPresent(r -> builder.withDetail("breaker", breaker(r)));
    }

    static Map<String, Object> breaker(Resilience r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", r.state().name());
        m.put("failureRate", r.failureRate());
        m.put("timesOpened", r.timesOpened());
        m.put("rejectedCalls", r.rejectedCalls());
        m.put("retries", r.retries());
        m.put("readOnly", r.readOnly());
        return m;
    }
}
