package io.covet.cli.common;

import io.covet.core.CovetConfiguration;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.error.ConfigurationException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code --database} option shared by commands that talk to a database. Without it, the {@code default}
 * database of {@code covet.properties}/{@code covet.yaml} or {@code COVET_DATABASE_URL} is used, else
 * {@code sqlite:covet.db}.
 *
 * <p>SQLite creates a database file on first connection. Commands that only read a database open it with
 * {@link #open()}, which refuses a SQLite file that does not exist, so a typo in the path is an error instead of
 * a new empty database; only the commands that create a database ({@code migrate}, {@code backup restore}) use
 * {@link #openOrCreate()}.
 */
public final class DatabaseOption {
    static final String FALLBACK = "sqlite:covet.db";

    @Option(names = {"-d", "--database"}, paramLabel = "URL",
            description = "Database URL, e.g. sqlite:app.db, postgresql://user@host:5432/db, mariadb://user@host/db. "
                    + "Default: the configured 'default' database, else sqlite:covet.db.")
    String url;

    /**
     * Opens the selected database, which must exist.
     *
     * @throws ConfigurationException (exit 2) when it is a SQLite file that does not exist; nothing is created
     */
    public Database open() {
        DatabaseConfig config = config();
        missingSqliteFile(config).ifPresent(p -> {
            throw new ConfigurationException("SQLite database " + p + " does not exist (no file at "
                    + p.toAbsolutePath().normalize() + "); check the path. This command only reads a database: "
                    + "`covet migrate` or `covet backup restore` create a new one.");
        });
        return Database.open(config);
    }

    /** Opens the selected database; a SQLite file that does not exist is created. */
    public Database openOrCreate() {
        return Database.open(config());
    }

    /** The configuration of the selected database, without connecting. */
    public DatabaseConfig config() {
        if (url != null) {
            return DatabaseConfig.builder("default").url(url).build();
        }
        return CovetConfiguration.discover().database("default")
                .orElseGet(() -> DatabaseConfig.builder("default").url(FALLBACK).build());
    }

    /** The file of a SQLite database that does not exist yet, or empty (servers, memory, existing files). */
    public static Optional<Path> missingSqliteFile(DatabaseConfig config) {
        return config.url().flatMap(DatabaseUrl::missingFile);
    }
}
