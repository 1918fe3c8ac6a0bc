package io.covet.spring.boot.autoconfigure;

import io.covet.core.Database;
import io.covet.core.Databases;
import io.covet.migrate.MigrationStatus;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code covet} actuator endpoint ({@code /actuator/covet}): per database its engine and server version,
 * its pool (for a pool Covet owns), the circuit breaker, and — with covet-migrate — each migration applied or
 * pending, and what was applied on startup. Expose it with {@code management.endpoints.web.exposure.include=covet}.
 * Never shows a password or bound value.
 */
@Endpoint(id = "covet")
public class CovetEndpoint {
    private final Databases databases;
    private final CovetMigrations migrations;

    /** @param migrations the application's migrations, or null without covet-migrate */
    public CovetEndpoint(Databases databases, CovetMigrations migrations) {
        this.databases = databases;
        this.migrations = migrations;
    }

    /** Every database's report, by name. */
    @ReadOperation
    public Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : databases.names()) {
            out.put(name, database(databases.get(name)));
        }
        return Map.of("databases", out);
    }

    private Map<String, Object> database(Database db) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", db.engine().name().toLowerCase(java.util.Locale.ROOT));
        m.put("serverVersion", db.server().version());
        if (db.config().dataSource().isEmpty()) {
            m.put("pool", PoolFigures.of(db));
        } else {
            m.put("pool", "managed by the application's DataSource");
        }
        db.resilience().ifPresent(r -> m.put("breaker", CovetHealthIndicator.breaker(r)));
        if (migrations != null && migrations.targets().contains(db.name())) {
            List<MigrationStatus> status = migrations.status(db.name());
            m.put("migrations", Map.of(
                    "applied", status.stream().filter(MigrationStatus::applied).map(CovetEndpoint::key).toList(),
                    "pending", status.stream().filter(s -> !s.applied()).map(CovetEndpoint::key).toList(),
                    "edited", status.stream().filter(MigrationStatus::edited).map(CovetEndpoint::key).toList(),
                    "appliedOnStartup", migrations.appliedAtStartup().getOrDefault(db.name(), List.of())));
        }
        return m;
    }

    private static String key(MigrationStatus s) {
        return s.key().toString();
    }
}
