package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Column;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Engine;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Restores a backup on one connection, all or nothing. PostgreSQL and SQLite run everything (drops for
 * {@code clean}, tables, COPY/inserts, indexes, foreign keys, sequence positions) in one transaction, since their
 * DDL is transactional. MariaDB's DDL commits implicitly, so the tables are built in a staging database and moved
 * into the target with one atomic {@code RENAME TABLE}; a failure drops the staging database. Each table's rows
 * are checked against the manifest's row count and checksum before anything becomes visible.
 */
public final class Restorer {
    /** What a restore did. */
    public record Result(List<String> tables, long rows, List<String> warnings) {
    }

    /** The restore was refused because the target already holds tables. */
    public static final class NotEmpty extends RuntimeException {
        public NotEmpty(String message) {
            super(message);
        }
    }

    /** The restored rows differ from the manifest. */
    public static final class Mismatch extends RuntimeException {
        public Mismatch(String message) {
            super(message);
        }
    }

    private final Storage storage;
    private final ChunkCodec codec;
    private final Manifest manifest;
    private final Consumer<String> log;

    public Restorer(Storage storage, ChunkCodec codec, Manifest manifest, Consumer<String> log) {
        this.storage = storage;
        this.codec = codec;
        this.manifest = manifest;
        this.log = log;
    }

    public Result restore(Connection c, Engine target, boolean clean) throws SQLException {
        Engine source = Engine.forScheme(manifest.engine());
        SchemaReader reader = new SchemaReader(c, target);
        List<String> existing = reader.tableNames();
        List<String> names = manifest.tables().stream().map(Table::name).toList();
        if (!existing.isEmpty() && !clean) {
            throw new NotEmpty("the target already has " + existing.size() + " table(s) (" + preview(existing)
                    + "); restore into an empty database, or pass --clean to replace the backup's tables");
        }
        List<String> replaced = existing.stream().filter(e -> names.stream().anyMatch(n -> n.equalsIgnoreCase(e))).toList();
        return target.family() == Engine.MARIADB
                ? staged(c, source, reader.namespace(), replaced)
                : transactional(c, source, target, replaced);
    }

    private static String preview(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names) : String.join(", ", names.subList(0, 5)) + ", …";
    }

    private Result transactional(Connection c, Engine source, Engine target, List<String> replaced) throws SQLException {
        Ddl ddl = new Ddl(source, target, null);
        Dialect d = Dialect.of(target.family());
        boolean sqlite = target.family() == Engine.SQLITE;
        if (sqlite) {
            exec(c, "PRAGMA foreign_keys = OFF"); // a no-op inside a transaction, so before it; checked before commit
        }
        c.setAutoCommit(false);
        try {
            for (String t : replaced) {
                exec(c, "DROP TABLE " + d.quote(t) + (sqlite ? "" : " CASCADE"));
            }
            long rows = build(c, target, ddl);
            if (sqlite) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                    if (rs.next()) {
                        throw new Mismatch("restored rows of " + rs.getString(1) + " break a foreign key to "
                                + rs.getString(3) + "; nothing was restored");
                    }
                }
            }
            c.commit();
            return new Result(manifest.tables().stream().map(Table::name).toList(), rows, ddl.warnings());
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            if (sqlite) {
                exec(c, "PRAGMA foreign_keys = ON");
            }
        }
    }

    /** Creates, loads, indexes and links every table through {@code ddl}; returns the rows loaded. */
    private long build(Connection c, Engine target, Ddl ddl) throws SQLException {
        for (Table t : manifest.tables()) {
            exec(c, ddl.createTable(t));
        }
        long rows = 0;
        for (Table t : manifest.tables()) {
            ChunkReader in = new ChunkReader(storage, codec, manifest.id(), t);
            long n = Loader.load(c, target, ddl.table(t.name()), t.columns().stream().map(Column::name).toList(), in);
            if (n != t.rows() || !in.digest().value().equals(t.checksum())) {
                throw new Mismatch("table " + t.name() + " restored " + n + " rows with checksum "
                        + in.digest().value() + " but the manifest says " + t.rows() + " rows, " + t.checksum()
                        + "; nothing was restored");
            }
            rows += n;
            log.accept("restored " + t.name() + ": " + n + " rows");
        }
        for (Table t : manifest.tables()) {
            for (String s : ddl.indexes(t)) {
                exec(c, s);
            }
        }
        for (Table t : manifest.tables()) {
            for (String s : ddl.foreignKeys(t)) {
                exec(c, s);
            }
        }
        for (Table t : manifest.tables()) {
            if (t.autoIncrement() != null) {
                counter(c, target, ddl, t);
            }
        }
        return rows;
    }

    /** Sets the sequence or counter to the larger of the recorded next value and max+1. */
    private void counter(Connection c, Engine target, Ddl ddl, Table t) throws SQLException {
        Dialect d = Dialect.of(target.family());
        String col = t.autoIncrement().column();
        long recorded = t.autoIncrement().next() == null ? 1 : t.autoIncrement().next();
        long next;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(" + d.quote(col) + ") FROM " + ddl.table(t.name()))) {
            rs.next();
            next = Math.max(recorded, rs.getLong(1) + 1);
        }
        switch (target.family()) {
            case POSTGRESQL -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence("
                        + "quote_ident(current_schema()) || '.' || quote_ident(?), ?), ?, false)")) {
                    ps.setString(1, t.name());
                    ps.setString(2, col);
                    ps.setLong(3, next);
                    ps.executeQuery().close();
                }
            }
            case MARIADB -> exec(c, "ALTER TABLE " + ddl.table(t.name()) + " AUTO_INCREMENT = " + next);
            default -> {
                if (t.autoIncrement().next() != null) {
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

    private Result staged(Connection c, Engine source, String database, List<String> replaced) throws SQLException {
        String suffix = "__covet_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        String base = database.length() > 40 ? database.substring(0, 40) : database;
        String stage = base + suffix;
        String trash = base + suffix + "_old";
        Dialect d = Dialect.of(Engine.MARIADB);
        Ddl ddl = new Ddl(source, Engine.MARIADB, stage);
        exec(c, "CREATE DATABASE " + d.quote(stage));
        boolean trashCreated = false;
        try {
            c.setAutoCommit(false);
            long rows;
            try {
                rows = build(c, Engine.MARIADB, ddl);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            StringBuilder rename = new StringBuilder("RENAME TABLE ");
            if (!replaced.isEmpty()) {
                exec(c, "CREATE DATABASE " + d.quote(trash));
                trashCreated = true;
                for (String t : replaced) {
                    rename.append(d.quote(database)).append('.').append(d.quote(t)).append(" TO ")
                            .append(d.quote(trash)).append('.').append(d.quote(t)).append(", ");
                }
            }
            for (int i = 0; i < manifest.tables().size(); i++) {
                String t = manifest.tables().get(i).name();
                rename.append(i == 0 ? "" : ", ").append(ddl.table(t)).append(" TO ")
                        .append(d.quote(database)).append('.').append(d.quote(t));
            }
            exec(c, rename.toString()); // atomic: either every table moves or none does
            return new Result(manifest.tables().stream().map(Table::name).toList(), rows, ddl.warnings());
        } finally {
            exec(c, "DROP DATABASE IF EXISTS " + d.quote(stage));
            if (trashCreated) {
                exec(c, "SET FOREIGN_KEY_CHECKS = 0");
                try {
                    exec(c, "DROP DATABASE IF EXISTS " + d.quote(trash));
                } finally {
                    exec(c, "SET FOREIGN_KEY_CHECKS = 1");
                }
            }
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
