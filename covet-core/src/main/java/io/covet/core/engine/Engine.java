package io.covet.core.engine;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The database engines Covet speaks to.
 *
 * <p>MySQL 8 shares the MariaDB dialect ({@link #family()} is {@link #MARIADB}) and differs only in details
 * that the feature flags in {@link io.covet.core.dialect.ServerInfo} carry.
 */
public enum Engine {
    /** PostgreSQL 12 and later; tested on 15. */
    POSTGRESQL("PostgreSQL", "postgresql", 5432),
    /** MariaDB 10.5 and later; tested on 10.11. */
    MARIADB("MariaDB", "mariadb", 3306),
    /** MySQL 8, through the MariaDB dialect. */
    MYSQL("MySQL", "mysql", 3306),
    /** SQLite 3 through xerial sqlite-jdbc; Covet's embedded default. */
    SQLITE("SQLite", "sqlite", -1);

    private final String displayName;
    private final String scheme;
    private final int defaultPort;

    Engine(String displayName, String scheme, int defaultPort) {
        this.displayName = displayName;
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    /** The engine's product name, for messages ("PostgreSQL"). */
    public String displayName() {
        return displayName;
    }

    /** The URL scheme that selects this engine ("postgresql"). */
    public String scheme() {
        return scheme;
    }

    /** The engine's usual TCP port, or -1 for the embedded engine. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The dialect family: MySQL renders as MariaDB; every other engine is its own family. */
    public Engine family() {
        return this == MYSQL ? MARIADB : this;
    }

    /** Whether this engine runs in-process rather than as a server. */
    public boolean embedded() {
        return this == SQLITE;
    }

    /**
     * Finds the engine for a URL scheme; {@code postgres} is accepted as an alias of {@code postgresql}.
     *
     * @throws IllegalArgumentException naming the supported schemes when none matches
     */
    public static Engine forScheme(String scheme) {
        String s = scheme.toLowerCase(java.util.Locale.ROOT);
        if (s.equals("postgres")) {
            return POSTGRESQL;
        }
        for (Engine e : values()) {
            if (e.scheme.equals(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown scheme '" + scheme + "': supported schemes are "
                + String.join(", ", supportedSchemes()));
    }

    /** The URL schemes Covet accepts, in a stable order. */
    public static List<String> supportedSchemes() {
        return Arrays.stream(values()).map(Engine::scheme).collect(Collectors.toList());
    }
}
