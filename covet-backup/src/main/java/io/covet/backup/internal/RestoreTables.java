package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Column;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.schema.NativeObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes a restore's tables on one connection, whatever path the restore takes: creates them through a
 * {@link Ddl}, loads each one's rows from the backup's chunks (checked against the manifest's count and checksum),
 * adds indexes, checks and foreign keys, runs native objects' SQL, and sets the identity counters.
 */
final class RestoreTables {
    private final Storage storage;
    private final ChunkCodec codec;
    private final Manifest manifest;
    private final Consumer<String> log;
    private final boolean loadDataLocal;
    private final List<Table> tables;

    RestoreTables(Storage storage, ChunkCodec codec, Manifest manifest, Consumer<String> log, boolean loadDataLocal,
                  List<Table> tables) {
        this.storage = storage;
        this.codec = codec;
        this.manifest = manifest;
        this.log = log;
        this.loadDataLocal = loadDataLocal;
        this.tables = tables;
    }

    /**
     * Creates, loads and indexes every table through {@code ddl}, then adds checks and foreign keys and sets the
     * counters; returns the rows loaded. Native objects come between the keys and the counters (the caller's).
     */
    long build(Connection c, Engine target, Ddl ddl) throws SQLException {
        for (Table t : tables) {
            exec(c, ddl.createTable(t));
        }
        long rows = load(c, target, ddl);
        for (Table t : tables) {
            for (String s : ddl.indexes(t)) {
                exec(c, s);
            }
        }
        for (Table t : tables) {
            for (String s : ddl.checks(t)) {
                exec(c, s);
            }
        }
        for (Table t : tables) {
            for (String s : ddl.foreignKeys(t)) {
                exec(c, s);
            }
        }
        return rows;
    }

    /** Loads every table's rows, each checked against the manifest's count and checksum; returns the rows. */
    long load(Connection c, Engine target, Ddl ddl) throws SQLException {
        long rows = 0;
        for (Table t : tables) {
            ChunkReader in = new ChunkReader(storage, codec, manifest.id(), t, manifest.columnar());
            long n = Loader.load(c, target, Engine.forScheme(manifest.engine()), ddl.table(t),
                    t.columns().stream().map(Column::name).toList(), t.types(), in, loadDataLocal);
            if (n != t.rows() || !in.digest().value().equals(t.checksum())) {
                throw new Restorer.Mismatch("table " + t.displayName() + " restored " + n + " rows with checksum "
                        + in.digest().value() + " but the manifest says " + t.rows() + " rows, " + t.checksum()
                        + "; nothing was restored");
            }
            rows += n;
            log.accept("restored " + t.displayName() + ": " + n + " rows");
        }
        return rows;
    }

    /** Sets every sequence or auto-increment counter (the last step, as after pg_restore's data and triggers). */
    void counters(Connection c, Engine target, Ddl ddl) throws SQLException {
        for (Table t : tables) {
            if (t.autoIncrement() != null) {
                counter(c, target, ddl, t);
            }
        }
    }

    /** Sets the sequence or counter to the larger of the recorded next value and max+1. */
    private void counter(Connection c, Engine target, Ddl ddl, Table t) throws SQLException {
        Dialect d = Dialect.of(target.family());
        String col = t.autoIncrement().column();
        long recorded = t.autoIncrement().next() == null ? 1 : t.autoIncrement().next();
        long next;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(" + d.quoteExisting(col) + ") FROM " + ddl.table(t))) {
            rs.next();
            next = Math.max(recorded, rs.getLong(1) + 1);
        }
        // engine SQL: each engine keeps an identity's next value in its own place
        switch (target.family()) {
            case POSTGRESQL -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
                    ps.setString(1, ddl.table(t));
                    ps.setString(2, col);
                    ps.setLong(3, next);
                    ps.executeQuery().close();
                }
            }
            case MARIADB -> exec(c, "ALTER TABLE " + ddl.table(t.name()) + " AUTO_INCREMENT = " + next);
            default -> {
                // only a table SQLite created with AUTOINCREMENT (a single INTEGER PRIMARY KEY) has a counter in
                // sqlite_sequence; an auto-increment column of a composite key (a MariaDB partitioned table's id
                // beside the partition column) comes back as a plain column with its values
                if (t.autoIncrement().next() != null && sqliteAutoincrement(c, t.name())) {
                    try (PreparedStatement del = c.prepareStatement("DELETE FROM sqlite_sequence WHERE name = ?");
                         PreparedStatement ins = c.prepareStatement("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)")) {
                        del.setString(1, t.name());
                        del.executeUpdate();
                        ins.setString(1, t.name());
                        ins.setLong(2, next - 1);
                        ins.executeUpdate();
                    }
                }
            }
        }
    }

    /** Whether SQLite created the table with {@code AUTOINCREMENT}, so that {@code sqlite_sequence} counts it. */
    private static boolean sqliteAutoincrement(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'table' "
                + "AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null
                        && rs.getString(1).toUpperCase(Locale.ROOT).contains("AUTOINCREMENT");
            }
        }
    }

    /**
     * Runs the native objects' SQL in order (expression indexes, views, functions, triggers), recording in
     * {@code undo} the statement that drops each one created.
     */
    static void createNatives(Connection c, Dialect d, List<NativeObject> natives, List<String> undo)
            throws SQLException {
        for (NativeObject o : natives) {
            exec(c, o.sql());
            switch (o.kind()) {
                case VIEW -> undo.add(0, "DROP VIEW IF EXISTS " + d.quoteExisting(o.name()));
                case TRIGGER -> undo.add(0, "DROP TRIGGER IF EXISTS " + d.quoteExisting(o.name()));
                default -> { }
            }
        }
    }

    static void execNamed(Connection c, Manifest.ObjectDdl o) throws SQLException {
        try {
            exec(c, o.sql());
        } catch (SQLException e) {
            throw new SQLException("restoring " + o.kind().toLowerCase(Locale.ROOT) + " " + o.name()
                    + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
