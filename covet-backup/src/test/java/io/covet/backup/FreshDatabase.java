package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole new database for one test (not a schema of the shared test database as {@code Scratch} makes on
 * PostgreSQL): backups of every schema and the engines' own dump tools need a database of their own. Dropped on
 * close.
 */
final class FreshDatabase implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Engine engine;
    private final String name;
    private final String url;
    private final DatabaseUrl server;
    private final Path file;
    private Database db;

    FreshDatabase(Engine engine) throws Exception {
        this.engine = engine.family();
        this.name = "fid" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        switch (this.engine) {
            case SQLITE -> {
                server = null;
                file = Files.createTempFile("covet-fidelity-", ".db");
                url = "sqlite:" + file;
            }
            case POSTGRESQL -> {
                file = null;
                String raw = System.getenv("COVET_TEST_PG_URL").strip();
                server = DatabaseUrl.parse(raw);
                admin("CREATE DATABASE " + name);
                url = raw.substring(0, raw.lastIndexOf('/') + 1) + name;
            }
            default -> {
                file = null;
                String raw = System.getenv("COVET_TEST_MARIADB_URL").strip();
                server = DatabaseUrl.parse(raw);
                admin("CREATE DATABASE " + name);
                url = raw.substring(0, raw.lastIndexOf('/') + 1) + name;
            }
        }
    }

    /** The database's name (the SQLite file's path). */
    String name() {
        return engine == Engine.SQLITE ? file.toString() : name;
    }

    /** The Covet URL. */
    String url() {
        return url;
    }

    /** The server's host:port (null on SQLite). */
    DatabaseUrl server() {
        return server;
    }

    Database db() {
        if (db == null) {
            db = Database.open(url);
        }
        return db;
    }

    private void admin(String sql) throws SQLException {
        String jdbc = (engine == Engine.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://") + server.location()
                + "/" + server.database();
        try (Connection c = DriverManager.getConnection(jdbc, server.user().orElse(null), server.password().orElse(null));
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        if (db != null) {
            db.close();
        }
        if (engine == Engine.SQLITE) {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } else {
            admin("DROP DATABASE IF EXISTS " + name + (engine == Engine.POSTGRESQL ? " WITH (FORCE)" : ""));
        }
    }
}
