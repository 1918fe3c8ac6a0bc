package io.covet.core;

import io.covet.core.error.CovetException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of a process's named databases ({@code default}, {@code analytics}, …). Each database opens on
 * first use and stays open until the registry closes. Thread-safe.
 *
 * <pre>{@code
 * try (Databases dbs = Databases.of(CovetConfiguration.discover())) {
 *     Database main = dbs.get("default");
 * }
 * }</pre>
 */
public final class Databases implements AutoCloseable {
    private final Map<String, DatabaseConfig> configs;
    private final Map<String, Database> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Databases(Map<String, DatabaseConfig> configs) {
        this.configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    }

    /** A registry of the configured databases; none is opened yet. */
    public static Databases of(CovetConfiguration configuration) {
        return new Databases(configuration.databases());
    }

    /** A registry of the given configurations, keyed by their names. */
    public static Databases of(List<DatabaseConfig> configs) {
        Map<String, DatabaseConfig> m = new LinkedHashMap<>();
        for (DatabaseConfig c : configs) {
            if (m.put(c.name(), c) != null) {
                throw new CovetException("two databases are named '" + c.name() + "'");
            }
        }
        return new Databases(m);
    }

    /** The configured names. */
    public Set<String> names() {
        return configs.keySet();
    }

    /** Whether a database of this name is configured. */
    public boolean contains(String name) {
        return configs.containsKey(name);
    }

    /**
     * The named database, opened on first call.
     *
     * @throws CovetException when no database has this name (the message lists the configured names)
     */
    public Database get(String name) {
        if (closed) {
            throw new CovetException("the database registry is closed");
        }
        DatabaseConfig config = configs.get(name);
        if (config == null) {
            throw new CovetException("no database named '" + name + "' is configured; configured: "
                    + (configs.isEmpty() ? "none" : String.join(", ", configs.keySet()))
                    + ". Add covet.databases." + name + ".url to covet.properties or set COVET_DATABASES_"
                    + name.toUpperCase(java.util.Locale.ROOT) + "_URL");
        }
        return open.computeIfAbsent(name, n -> Database.open(config));
    }

    /**
     * The pools of the databases opened so far through this registry, by name in name order (a database is
     * opened by {@link #get}; this view opens none). Databases on a caller-provided {@code DataSource} are left
     * out: Covet does not manage their pools.
     */
    public java.util.SortedMap<String, io.covet.core.pool.Pool> pools() {
        java.util.SortedMap<String, io.covet.core.pool.Pool> pools = new java.util.TreeMap<>();
        open.forEach((name, db) -> {
            if (db.config().dataSource().isEmpty()) {
                pools.put(name, db.pool());
            }
        });
        return java.util.Collections.unmodifiableSortedMap(pools);
    }

    /** The {@code default} database. */
    public Database defaultDatabase() {
        return get("default");
    }

    /** Closes every database opened through this registry. */
    @Override
    public void close() {
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (Database db : open.values()) {
            try {
                db.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        open.clear();
        if (!failures.isEmpty()) {
            CovetException e = new CovetException("closing " + failures.size() + " database(s) failed");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
