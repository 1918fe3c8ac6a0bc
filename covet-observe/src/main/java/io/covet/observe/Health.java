package io.covet.observe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The health of one database at one moment: a validation round trip, the pool, and what the registered
 * {@link HealthContributor}s reported (pending migrations, circuit breaker, replica lag, …). Immutable.
 *
 * <p>Liveness and readiness are separated as Kubernetes expects: a database that is down makes the application
 * <em>not ready</em> (take it out of the load balancer) but not <em>not live</em> (restarting the process does
 * not bring the database back); only a contributor that declares {@link Check#liveness()} can fail liveness.
 *
 * @param database       the database's name
 * @param engine         its engine ({@code postgresql}, {@code mariadb}, {@code sqlite})
 * @param status         the worst status of every check
 * @param roundTripMillis how long the validation query took, or -1 when it failed
 * @param pool           the pool at that moment, when Covet owns it (empty for a caller's data source)
 * @param checks         every check, the database's own {@code connection} and {@code pool} first
 * @param checkedAt      when the checks ran
 */
public record Health(String database, String engine, Status status, double roundTripMillis,
                     Optional<PoolUsage> pool, List<Check> checks, Instant checkedAt) {

    /** Copies the list. */
    public Health {
        checks = List.copyOf(checks);
    }

    /** A status, from best to worst. */
    public enum Status {
        /** Working normally. */
        UP,
        /** Working, but something needs attention (pool exhausted, replica lagging, a breaker half-open). */
        DEGRADED,
        /** Not working. */
        DOWN;

        /** The worse of the two. */
        public Status and(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /**
     * One check's verdict.
     *
     * @param name      what was checked ({@code connection}, {@code pool}, {@code migrations}, …)
     * @param status    its status
     * @param detail    what a person needs to act; never a secret
     * @param data      numbers and flags for machines (JSON-able values only: strings, numbers, booleans)
     * @param readiness whether a {@link Status#DOWN} here makes the application not ready
     * @param liveness  whether a {@link Status#DOWN} here makes the application not live
     */
    public record Check(String name, Status status, String detail, Map<String, Object> data, boolean readiness,
                        boolean liveness) {
        /** Copies the map. */
        public Check {
            data = Map.copyOf(data);
        }

        /** A readiness check (the usual kind) without data. */
        public static Check of(String name, Status status, String detail) {
            return new Check(name, status, detail, Map.of(), true, false);
        }
    }

    /** Whether the database can serve requests: no readiness check is {@link Status#DOWN}. */
    public boolean ready() {
        return checks.stream().noneMatch(c -> c.readiness() && c.status() == Status.DOWN);
    }

    /** Whether the application is alive as far as this database can tell: no liveness check is DOWN. */
    public boolean live() {
        return checks.stream().noneMatch(c -> c.liveness() && c.status() == Status.DOWN);
    }
}
