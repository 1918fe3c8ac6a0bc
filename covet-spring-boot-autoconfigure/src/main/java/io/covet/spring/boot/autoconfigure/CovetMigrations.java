package io.covet.spring.boot.autoconfigure;

import io.covet.core.Database;
import io.covet.core.Databases;
import io.covet.migrate.Migration;
import io.covet.migrate.MigrationException;
import io.covet.migrate.MigrationFiles;
import io.covet.migrate.MigrationStatus;
import io.covet.migrate.Migrator;
import io.covet.migrate.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's migrations, read from Spring resources ({@code covet.migrate.location}, laid out as
 * {@code <app>/<name>.json} like {@code covet makemigrations} writes them), and applied to the configured
 * databases when the bean initialises if {@code covet.migrate.enabled}. Beans that use the database are created
 * after it (the auto-configuration registers it as a database initializer, as Boot does for Flyway).
 */
public final class CovetMigrations implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(CovetMigrations.class);

    private final Databases databases;
    private final List<String> targets;
    private final List<Migration> migrations;
    private final String historyTable;
    private final boolean apply;
    private final Map<String, List<String>> appliedAtStartup = new LinkedHashMap<>();

    /**
     * @param databases    the registry
     * @param targets      names of the databases to migrate
     * @param migrations   the migrations
     * @param historyTable the history table, or null for Covet's default
     * @param apply        whether {@link #afterPropertiesSet()} applies pending migrations
     */
    public CovetMigrations(Databases databases, List<String> targets, List<Migration> migrations,
                           String historyTable, boolean apply) {
        this.databases = databases;
        this.targets = List.copyOf(targets);
        this.migrations = List.copyOf(migrations);
        this.historyTable = historyTable;
        this.apply = apply;
    }

    /**
     * Reads every {@code <app>/<name>.json} under {@code location} (a Spring resource location; {@code classpath:}
     * searches every class-path root), sorted by app and name.
     *
     * @throws MigrationException when a file cannot be parsed or its app/name disagree with its path
     */
    public static List<Migration> load(ResourcePatternResolver resolver, String location) {
        String base = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        if (base.startsWith("classpath:")) {
            base = "classpath*:" + base.substring("classpath:".length());
        }
        List<Migration> out = new ArrayList<>();
        try {
            for (Resource r : resolver.getResources(base + "/*/*.json")) {
                String path = r.getURL().toString();
                String[] parts = path.split("/");
                String app = parts[parts.length - 2];
                String name = parts[parts.length - 1].replaceFirst("\\.json$", "");
                Migration m = MigrationFiles.parse(r.getContentAsString(StandardCharsets.UTF_8), path);
                if (!m.app().equals(app) || !m.name().equals(name)) {
                    throw new MigrationException(path + " declares " + m.app() + "." + m.name() + " but its path says " + app + "."
                            + name + "; make the \"app\"/\"name\" fields match the folder and file name");
                }
                out.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migrations at " + location + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing((Migration m) -> m.app()).thenComparing(Migration::name));
        return out;
    }

    /** Applies the pending migrations to every target database when enabled. */
    @Override
    public void afterPropertiesSet() {
        if (!apply) {
            return;
        }
        for (String name : targets) {
            Migrator migrator = migrator(databases.get(name));
            List<String> pending = migrator.status().stream().filter(s -> !s.applied())
                    .map(s -> s.key().toString()).toList();
            migrator.migrate(Target.latest());
            appliedAtStartup.put(name, pending);
            LOG.info("covet: database '{}' migrated on startup, applied: {}", name, pending);
        }
    }

    private Migrator migrator(Database db) {
        Migrator.Builder b = Migrator.builder(db, migrations);
        if (historyTable != null) {
            b.historyTable(historyTable);
        }
        return b.build();
    }

    /** The migrations known to the application. */
    public List<Migration> migrations() {
        return migrations;
    }

    /** The databases this bean migrates. */
    public List<String> targets() {
        return targets;
    }

    /** The history table, or null for Covet's default. */
    public String historyTable() {
        return historyTable;
    }

    /** Each migration's state on the named database (applied, pending, edited). */
    public List<MigrationStatus> status(String database) {
        return migrator(databases.get(database)).status();
    }

    /** What was applied when the application started, per database; empty when disabled. */
    public Map<String, List<String>> appliedAtStartup() {
        return Map.copyOf(appliedAtStartup);
    }
}
