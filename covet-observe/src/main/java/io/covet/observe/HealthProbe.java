package io.covet.observe;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.covet.core.Database;
import io.covet.core.replica.ReplicaStatus;
import io.covet.core.replica.Replicas;
import io.covet.core.resilience.Resilience;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One health check of one database: the pool's figures, a validation query ({@code SELECT 1}) on a connection
 * taken straight from the pool (it does not pass the interceptors, so it is not counted as the application's
 * statement), then the contributors.
 */
final class HealthProbe {
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private HealthProbe() {
    }

    static Health check(DatabaseObserver observer) {
        Database db = observer.attached().orElseThrow(() -> new IllegalArgumentException("database '"
                + observer.name + "' is instrumented but not attached: call Observability.attach(database) after "
                + "opening it, or open it with Observability.open"));
        List<Health.Check> checks = new ArrayList<>();
        Optional<PoolUsage> pool = pool(db.dataSource());
        double roundTrip = -1;
        if (pool.isPresent() && pool.get().exhausted()) {
            checks.add(new Health.Check("connection", Health.Status.DEGRADED, "not checked: every connection of the "
                    + "pool is in use and " + pool.get().pending() + " caller(s) wait", Map.of(), true, false));
        } else {
            long start = 0;
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.setQueryTimeout(VALIDATION_TIMEOUT_SECONDS);
                start = System.nanoTime();
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                }
                roundTrip = (System.nanoTime() - start) / 1e6;
                checks.add(new Health.Check("connection", Health.Status.UP, "SELECT 1 answered",
                        Map.of("roundTripMillis", roundTrip), true, false));
            } catch (SQLException | RuntimeException e) {
                checks.add(new Health.Check("connection", Health.Status.DOWN, "cannot run SELECT 1 on "
                        + db.engine().displayName() + ": " + reason(e), Map.of(), true, false));
            }
            pool = pool.isPresent() ? pool(db.dataSource()) : pool;
        }
        pool.ifPresent(p -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("active", p.active());
            data.put("idle", p.idle());
            data.put("pending", p.pending());
            data.put("max", p.max());
            checks.add(new Health.Check("pool", p.exhausted() ? Health.Status.DEGRADED : Health.Status.UP,
                    p.exhausted() ? "pool exhausted: " + p.pending() + " caller(s) wait for one of " + p.max()
                            + " connections" : p.active() + " of " + p.max() + " connections in use", data, false,
                    false));
        });
        db.resilience().ifPresent(r -> checks.add(breaker(r)));
        db.replicas().ifPresent(r -> checks.add(replicas(r)));
        for (HealthContributor contributor : observer.contributors) {
            try {
                Health.Check c = contributor.check(db);
                checks.add(c != null ? c : Health.Check.of(contributor.getClass().getSimpleName(),
                        Health.Status.DOWN, "health contributor returned no check"));
            } catch (RuntimeException e) {
                checks.add(Health.Check.of(contributor.getClass().getSimpleName(), Health.Status.DOWN,
                        "health contributor failed: " + e.getClass().getSimpleName()));
            }
        }
        Health.Status status = Health.Status.UP;
        for (Health.Check c : checks) {
            status = status.and(c.status());
        }
        return new Health(db.name(), db.engine().scheme(), status, roundTrip, pool, checks, Instant.now());
    }

    /**
     * The circuit breaker and read-only switch of a database with resilience settings: DOWN (not ready) while the
     * breaker is open, since callers are refused; DEGRADED while it probes or while writes are refused.
     */
    static Health.Check breaker(Resilience r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", r.state().name());
        data.put("timesOpened", r.timesOpened());
        data.put("rejectedCalls", r.rejectedCalls());
        data.put("readOnly", r.readOnly());
        r.nextProbe().ifPresent(t -> data.put("nextProbe", t.toString()));
        return switch (r.state()) {
            case OPEN -> new Health.Check("breaker", Health.Status.DOWN, "circuit breaker open: calls are refused "
                    + "until the probe" + r.nextProbe().map(t -> " at " + t).orElse(""), data, true, false);
            case HALF_OPEN -> new Health.Check("breaker", Health.Status.DEGRADED, "circuit breaker half-open: a "
                    + "probe is checking the server", data, true, false);
            default -> r.readOnly()
                    ? new Health.Check("breaker", Health.Status.DEGRADED, "read-only mode: writes are refused",
                    data, true, false)
                    : new Health.Check("breaker", Health.Status.UP, "circuit breaker " + r.state().name()
                    .toLowerCase(java.util.Locale.ROOT), data, true, false);
        };
    }

    /**
     * The replicas: DEGRADED while one does not serve reads (down, or over its maximum lag), since reads then
     * crowd the others or the primary; still ready, as the primary serves everything.
     */
    static Health.Check replicas(Replicas r) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (ReplicaStatus s : r.status()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("up", s.up());
            one.put("inRotation", s.inRotation());
            s.lag().ifPresent(l -> one.put("lagMillis", l.toMillis()));
            s.reason().ifPresent(x -> one.put("reason", x));
            data.put(s.name(), one);
            if (!s.serving()) {
                out.add(s.name() + " (" + s.reason().orElse("not serving") + ")");
            }
        }
        data.put("primaryFallbacks", r.primaryFallbacks());
        return out.isEmpty()
                ? new Health.Check("replicas", Health.Status.UP, r.status().size() + " replica(s) serving reads",
                data, false, false)
                : new Health.Check("replicas", Health.Status.DEGRADED, out.size() + " of " + r.status().size()
                + " replica(s) not serving reads: " + String.join("; ", out), data, false, false);
    }

    /** The reason of a failure without anything the driver may have quoted from the URL. */
    private static String reason(Exception e) {
        return e instanceof SQLException s && s.getSQLState() != null
                ? e.getClass().getSimpleName() + " (SQLSTATE " + s.getSQLState() + ")"
                : e.getClass().getSimpleName();
    }

    static Optional<PoolUsage> pool(DataSource ds) {
        if (ds instanceof HikariDataSource h && !h.isClosed()) {
            HikariPoolMXBean bean = h.getHikariPoolMXBean();
            if (bean != null) {
                return Optional.of(new PoolUsage(bean.getActiveConnections(), bean.getIdleConnections(),
                        bean.getThreadsAwaitingConnection(), h.getMaximumPoolSize()));
            }
        }
        return Optional.empty();
    }
}
