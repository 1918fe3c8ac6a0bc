package io.covet.migrate;

import io.covet.core.Database;
import io.covet.observe.Health;
import io.covet.observe.HealthContributor;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Readiness for covet-observe's health checks: a database whose migrations are not all applied is not ready
 * (Kubernetes keeps traffic away until {@code covet migrate} ran), though still live. Add it with
 * {@code observability.addHealthContributor("default", MigrationHealth.of(migrations))}.
 *
 * <p>Each check reads the history table (nothing is created or changed) through {@code Database.withConnection},
 * so it appears among the database's statements. Needs covet-observe, an optional dependency of covet-migrate.
 */
public final class MigrationHealth implements HealthContributor {
    private final List<Migration> migrations;
    private final String historyTable;

    private MigrationHealth(List<Migration> migrations, String historyTable) {
        this.migrations = List.copyOf(migrations);
        this.historyTable = historyTable;
    }

    /** Checks {@code migrations} (usually {@link MigrationFiles#load}) against the default history table. */
    public static MigrationHealth of(List<Migration> migrations) {
        return new MigrationHealth(Objects.requireNonNull(migrations, "migrations"), null);
    }

    /** The same, against the history table {@code name} ({@link Migrator.Builder#historyTable}). */
    public MigrationHealth historyTable(String name) {
        return new MigrationHealth(migrations, Objects.requireNonNull(name, "name"));
    }

    /**
     * {@code migrations}: UP when every migration is applied, DOWN (not ready) naming the pending ones otherwise,
     * DEGRADED when an applied migration's file was edited since.
     */
    @Override
    public Health.Check check(Database database) {
        Migrator.Builder b = Migrator.builder(database, migrations);
        if (historyTable != null) {
            b.historyTable(historyTable);
        }
        List<MigrationStatus> status = b.build().status();
        List<String> pending = status.stream().filter(s -> !s.applied()).map(s -> s.key().toString()).toList();
        long edited = status.stream().filter(MigrationStatus::edited).count();
        Map<String, Object> data = Map.of("total", status.size(), "pending", pending.size(), "edited", (int) edited);
        if (!pending.isEmpty()) {
            return new Health.Check("migrations", Health.Status.DOWN, pending.size() + " migration(s) pending: "
                    + String.join(", ", pending) + "; apply them with covet migrate", data, true, false);
        }
        if (edited > 0) {
            return new Health.Check("migrations", Health.Status.DEGRADED, edited + " applied migration(s) were "
                    + "edited after they ran; compare them with the database", data, true, false);
        }
        return new Health.Check("migrations", Health.Status.UP, "all " + status.size() + " migration(s) applied",
                data, true, false);
    }
}
