package io.covet.testing;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A fresh, empty database on one real engine for one test: a temporary file on SQLite, a new schema on
 * PostgreSQL, a new database on MariaDB. Closing it (JUnit does so after each parameterised invocation) closes
 * every {@link Database} opened through it and drops what it created.
 */
public final class Scratch implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Engine engine;
    private final List<Database> opened = new ArrayList<>();
    private String url;
    private String scratchName;
    private Path sqliteFile;
    private DatabaseUrl server;
    /** The server URL as configured, password included (DatabaseUrl.toString() masks it). */
    private String raw;

    Scratch(Engine engine) {
        this.engine = engine;
    }

    /** A scratch database on an engine, for tests that pick their engine themselves. */
    public static Scratch on(Engine engine) {
        return new Scratch(engine);
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** The Covet URL of the scratch database, creating it on first call. */
    public synchronized String url() {
        if (url == null) {
            url = create();
        }
        return url;
    }

    /** The scratch database opened with default settings; the same instance on every call. */
    public synchronized Database db() {
        if (opened.isEmpty()) {
            opened.add(Database.open(url()));
        }
        return opened.get(0);
    }

    /** Another {@link Database} on the same scratch database, configured by {@code settings}; closed with it. */
    public synchronized Database open(UnaryOperator<DatabaseConfig.Builder> settings) {
        Database db = Database.open(settings.apply(DatabaseConfig.builder("default").url(url())).build());
        opened.add(db);
        return db;
    }

    /** A raw JDBC connection to the scratch database, bypassing Covet; the caller closes it. */
    public Connection rawConnection() throws SQLException {
        url();
        return switch (engine) {
            case SQLITE -> DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
            case POSTGRESQL -> admin("jdbc:postgresql://" + server.location() + "/" + server.database()
                    + "?currentSchema=" + scratchName);
            default -> admin("jdbc:mariadb://" + server.location() + "/" + scratchName);
        };
    }

    private String create() {
        try {
            switch (engine) {
                case SQLITE -> {
                    sqliteFile = Files.createTempFile("covet-test-", ".db");
                    return "sqlite:" + sqliteFile;
                }
                case POSTGRESQL -> {
                    server = serverUrl("COVET_TEST_PG_URL");
                    scratchName = name();
                    try (Connection c = admin("jdbc:postgresql://" + server.location() + "/" + server.database());
                         Statement s = c.createStatement()) {
                        s.execute("CREATE SCHEMA " + scratchName);
                    }
                    return raw + (raw.contains("?") ? "&" : "?") + "currentSchema=" + scratchName;
                }
                case MARIADB -> {
                    server = serverUrl("COVET_TEST_MARIADB_URL");
                    scratchName = name();
                    try (Connection c = admin("jdbc:mariadb://" + server.location() + "/" + server.database());
                         Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + scratchName);
                    }
                    return raw.substring(0, raw.lastIndexOf('/') + 1) + scratchName;
                }
                default -> throw new IllegalStateException("no scratch databases for " + engine);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a scratch database on " + engine.displayName() + " at "
                    + server.location() + ": " + e.getMessage(), e);
        }
    }

    private static String name() {
        return "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    private DatabaseUrl serverUrl(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set, so " + engine.displayName()
                    + " cannot be tested. Run the tests with scripts/test (it starts the servers), or "
                    + "`eval \"$(scripts/engines start)\"` first, or narrow the run with COVET_TEST_ENGINES=sqlite");
        }
        raw = value.strip();
        return DatabaseUrl.parse(raw);
    }

    private Connection admin(String jdbcUrl) throws SQLException {
        Properties p = new Properties();
        server.user().ifPresent(u -> p.setProperty("user", u));
        server.password().ifPresent(pw -> p.setProperty("password", pw));
        return DriverManager.getConnection(jdbcUrl, p);
    }

    @Override
    public synchronized void close() throws Exception {
        for (Database db : opened) {
            db.close();
        }
        opened.clear();
        if (url == null) {
            return;
        }
        switch (engine) {
            case SQLITE -> {
                for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                    Files.deleteIfExists(Path.of(sqliteFile + suffix));
                }
            }
            case POSTGRESQL -> {
                try (Connection c = admin("jdbc:postgresql://" + server.location() + "/" + server.database());
                     Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + scratchName + " CASCADE");
                }
            }
            default -> {
                try (Connection c = admin("jdbc:mariadb://" + server.location() + "/" + server.database());
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + scratchName);
                }
            }
        }
    }

    @Override
    public String toString() {
        return engine.displayName();
    }
}
