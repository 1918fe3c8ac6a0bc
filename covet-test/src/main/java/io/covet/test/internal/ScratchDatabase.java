package io.covet.test.internal;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One empty database for a test class (or test) on one engine: a temporary SQLite file, a PostgreSQL schema or a
 * MariaDB database with a fresh name, created and dropped through a short-lived Covet database on the server
 * URL. Closing it closes the database it opened and drops what it created.
 */
final class ScratchDatabase implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Engine engine;
    private final String url;
    private final String name;
    private final Path file;
    private final String serverUrl;
    private Database db;

    private ScratchDatabase(Engine engine, String url, String name, Path file, String serverUrl) {
        this.engine = engine;
        this.url = url;
        this.name = name;
        this.file = file;
        this.serverUrl = serverUrl;
    }

    static ScratchDatabase create(Engine engine) {
        if (engine == Engine.SQLITE) {
            try {
                Path f = Files.createTempFile("covet-test-", ".db");
                return new ScratchDatabase(engine, "sqlite:" + f, null, f, null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary SQLite file: " + e.getMessage(), e);
            }
        }
        String server = Engines.requireServerUrl(engine);
        String name = "covet_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Database admin = Database.open(DatabaseConfig.builder("covet_test_admin").url(server).build())) {
            if (engine == Engine.POSTGRESQL) {
                admin.sql("CREATE SCHEMA " + name).execute();
                return new ScratchDatabase(engine, server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name,
                        name, null, server);
            }
            admin.sql("CREATE DATABASE " + name).execute();
            String base = server.contains("?") ? server.substring(0, server.indexOf('?')) : server;
            return new ScratchDatabase(engine, base.substring(0, base.lastIndexOf('/') + 1) + name, name, null, server);
        }
    }

    Engine engine() {
        return engine;
    }

    /** Opens the database once, with the test's interceptor. */
    Database open(Recorder recorder) {
        if (db == null) {
            db = Database.open(DatabaseConfig.builder("default").url(url).interceptor(recorder).build());
        }
        return db;
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (file != null) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                try {
                    Files.deleteIfExists(Path.of(file + suffix));
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans up what is left
                }
            }
            return;
        }
        try (Database admin = Database.open(DatabaseConfig.builder("covet_test_admin").url(serverUrl).build())) {
            admin.sql(engine == Engine.POSTGRESQL ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + name).execute();
        }
    }
}
