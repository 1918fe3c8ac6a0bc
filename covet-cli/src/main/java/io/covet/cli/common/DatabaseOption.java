package io.covet.cli.common;

import io.covet.core.CovetConfiguration;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import picocli.CommandLine.Option;

/**
 * The {@code --database} option shared by commands that talk to a database. Without it, the {@code default}
 * database of {@code covet.properties}/{@code covet.yaml} or {@code COVET_DATABASE_URL} is used, else
 * {@code sqlite:covet.db}.
 */
public final class DatabaseOption {
    @Option(names = {"-d", "--database"}, paramLabel = "URL",
            description = "Database URL, e.g. sqlite:app.db, postgresql://user@host:5432/db, mariadb://user@host/db. "
                    + "Default: the configured 'default' database, else sqlite:covet.db.")
    String url;

    /** Opens the selected database. */
    public Database open() {
        return open("sqlite:covet.db");
    }

    /** Opens the selected database, or {@code fallback} when neither the option nor configuration names one. */
    public Database open(String fallback) {
        if (url != null) {
            return Database.open(DatabaseConfig.builder("default").url(url).build());
        }
        return CovetConfiguration.discover().database("default")
                .map(Database::open)
                .orElseGet(() -> Database.open(fallback));
    }
}
