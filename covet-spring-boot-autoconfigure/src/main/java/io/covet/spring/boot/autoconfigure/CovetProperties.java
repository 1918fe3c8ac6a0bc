package io.covet.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Covet's settings in a Spring Boot application ({@code application.properties} or YAML, prefix {@code covet}).
 * The database keys are those of {@code covet.properties}, so a project moves between the two unchanged:
 * <pre>
 * covet.databases.default.url=postgresql://app@db:5432/app
 * covet.databases.default.password=${DB_PASSWORD}
 * covet.databases.default.pool.max-size=20
 * covet.migrate.enabled=true
 * </pre>
 * Without any {@code covet.databases} entry, the {@code default} database adopts Boot's {@code DataSource}.
 */
@ConfigurationProperties(prefix = "covet")
public class CovetProperties {
    /**
     * Databases by name, each with the keys of covet.properties: url, user, password, max-pool-size, min-idle,
     * connection-timeout, query-timeout, stream-fetch-size, sqlite-busy-timeout, interceptors, driver.*, pool.*,
     * resilience.*, slow-query-threshold, observe.*. The one named 'default' is the Database bean. With none,
     * the default database adopts Boot's DataSource.
     */
    private Map<String, Map<String, String>> databases = new LinkedHashMap<>();

    private final Migrate migrate = new Migrate();

    private final Observe observe = new Observe();

    private final Transactions transactions = new Transactions();

    /** The configured databases: name to covet.properties keys. */
    public Map<String, Map<String, String>> getDatabases() {
        return databases;
    }

    /** Replaces the configured databases. */
    public void setDatabases(Map<String, Map<String, String>> databases) {
        this.databases = databases;
    }

    /** Migration settings. */
    public Migrate getMigrate() {
        return migrate;
    }

    /** Observability settings. */
    public Observe getObserve() {
        return observe;
    }

    /** Transaction integration settings. */
    public Transactions getTransactions() {
        return transactions;
    }

    /** Migrations on startup ({@code covet.migrate.*}). */
    public static class Migrate {
        /** Whether to apply pending migrations when the application starts. */
        private boolean enabled = true;

        /**
         * Where the migration files are: a folder of app folders holding NAME.json files, as a Spring resource
         * location (classpath: or file:).
         */
        private String location = "classpath:db/migrations";

        /** The databases to migrate. */
        private List<String> databases = new ArrayList<>(List.of("default"));

        /** The migration history table; Covet's default (covet_migrations) when unset. */
        private String historyTable;

        /** Whether pending migrations are applied on startup. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether pending migrations are applied on startup. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The migration files' location. */
        public String getLocation() {
            return location;
        }

        /** Sets the migration files' location. */
        public void setLocation(String location) {
            this.location = location;
        }

        /** The databases migrated. */
        public List<String> getDatabases() {
            return databases;
        }

        /** Sets the databases migrated. */
        public void setDatabases(List<String> databases) {
            this.databases = databases;
        }

        /** The history table, or null for Covet's default. */
        public String getHistoryTable() {
            return historyTable;
        }

        /** Sets the history table. */
        public void setHistoryTable(String historyTable) {
            this.historyTable = historyTable;
        }
    }

    /** Observability ({@code covet.observe.*}): metrics on Boot's MeterRegistry, health, slow-query log. */
    public static class Observe {
        /** Whether Covet's statements, transactions and pools are instrumented (needs covet-observe). */
        private boolean enabled = true;

        /** Statements slower than this are logged as slow queries; covet-observe's default when unset. */
        private Duration slowQueryThreshold;

        /** Whether instrumentation is on. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Turns instrumentation on or off. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The slow-query threshold, or null for the default. */
        public Duration getSlowQueryThreshold() {
            return slowQueryThreshold;
        }

        /** Sets the slow-query threshold. */
        public void setSlowQueryThreshold(Duration slowQueryThreshold) {
            this.slowQueryThreshold = slowQueryThreshold;
        }
    }

    /** Transaction integration ({@code covet.transactions.*}). */
    public static class Transactions {
        /**
         * Whether Covet's blocks and statements join Spring-managed transactions (@Transactional) on the same
         * connection, and outermost Covet blocks begin through Spring's transaction manager.
         */
        private boolean joinSpring = true;

        /** Whether Spring transactions are joined. */
        public boolean isJoinSpring() {
            return joinSpring;
        }

        /** Sets whether Spring transactions are joined. */
        public void setJoinSpring(boolean joinSpring) {
            this.joinSpring = joinSpring;
        }
    }
}
