package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Column;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Feature;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.schema.NativeObject;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Restores a backup on one connection, all or nothing. PostgreSQL and SQLite run everything (drops for
 * {@code clean}, tables, COPY/inserts, indexes, checks, foreign keys, expression indexes, views, trigger functions,
 * triggers, sequence positions) in one transaction, since their DDL is transactional. MariaDB's DDL commits
 * implicitly, so the tables are built in a staging database and moved into the target with one atomic
 * {@code RENAME TABLE}, then views and triggers are created (undone, and the tables moved back, if one fails); a
 * failure drops the staging database. Each table's rows
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
    private List<Table> tables;
    private List<NativeObject> natives;
    private Map<String, List<NativeObject>> schemaNatives;
    private List<String> nativeWarnings;
    /** Whether this restore recreates the schema from the server's own definitions in the manifest. */
    private boolean serverDdl;
    private final boolean loadDataLocal;

    public Restorer(Storage storage, ChunkCodec codec, Manifest manifest, Consumer<String> log) {
        this(storage, codec, manifest, log, false);
    }

    /**
     * @param loadDataLocal the target server allows {@link io.covet.core.dialect.Feature#LOAD_DATA_LOCAL}: rows
     *                      are streamed as {@code LOAD DATA LOCAL INFILE} text instead of INSERTs
     */
    public Restorer(Storage storage, ChunkCodec codec, Manifest manifest, Consumer<String> log,
                    boolean loadDataLocal) {
        this.storage = storage;
        this.codec = codec;
        this.manifest = manifest;
        this.log = log;
        this.loadDataLocal = loadDataLocal;
    }

    /**
     * @param skipNative when the target is another engine than the source: leave out the check constraints,
     *                   partial indexes, views, triggers and expression indexes (source-engine SQL) instead of
     *                   refusing with {@link UnsupportedFeature}; they are listed in the warnings
     */
    public Result restore(Connection c, Engine target, boolean clean, boolean skipNative) throws SQLException {
        Engine source = Engine.forScheme(manifest.engine());
        tables = manifest.tables();
        natives = manifest.nativeObjects();
        schemaNatives = manifest.schemaNativeObjects();
        nativeWarnings = new ArrayList<>();
        boolean sameEngine = source.family() == target.family();
        List<String> skipped = manifest.notCarried().stream().filter(n -> n.endsWith(Creator.SKIPPED)).toList();
        if (!skipped.isEmpty()) {
            nativeWarnings.add("left out of this backup when it was taken (--skip): " + String.join(", ", skipped
                    .stream().map(n -> n.substring(0, n.length() - Creator.SKIPPED.length())).toList()));
        }
        List<String> missing = manifest.notCarried().stream().filter(n -> !n.endsWith(Creator.SKIPPED)).toList();
        if (!missing.isEmpty() && (manifest.schemaDump() == null || !sameEngine)) {
            nativeWarnings.add("not in this backup, recreate by hand if needed: " + String.join(", ", missing));
        }
        if (source.family() != target.family()) {
            List<String> left = nativeParts();
            if (!left.isEmpty() && !skipNative) {
                throw new UnsupportedFeature(target, "restoring " + left.size() + " object(s) written in "
                        + source.displayName() + " SQL (" + String.join(", ", left) + ") into " + target.displayName(),
                        "Restore into " + source.displayName() + " to keep them, or pass --skip-native-objects "
                                + "(RestoreOptions.skipNativeObjects) to restore the tables and rows without them "
                                + "and recreate them by hand.");
            }
            if (!left.isEmpty()) {
                nativeWarnings.add("left out, written in " + source.displayName() + " SQL that "
                        + target.displayName() + " cannot run: " + String.join(", ", left));
            }
            tables = tables.stream().map(Table::portable).toList();
            natives = List.of();
            schemaNatives = Map.of();
            List<String> schemas = tables.stream().map(Table::schema).filter(java.util.Objects::nonNull).distinct()
                    .toList();
            if (!schemas.isEmpty()) {
                Map<String, List<String>> byName = new java.util.TreeMap<>();
                tables.forEach(t -> byName.computeIfAbsent(t.name().toLowerCase(java.util.Locale.ROOT),
                        k -> new ArrayList<>()).add(t.displayName()));
                List<String> clashes = byName.values().stream().filter(v -> v.size() > 1)
                        .map(v -> String.join(" and ", v)).toList();
                if (!clashes.isEmpty()) {
                    throw new UnsupportedFeature(target, "restoring tables of several PostgreSQL schemas that share "
                            + "a name (" + String.join("; ", clashes) + ") into one " + target.displayName()
                            + " database", "Back up one schema at a time (--schema NAME) and restore each into its "
                            + "own database.");
                }
                nativeWarnings.add("the tables of schemas " + String.join(", ", schemas) + " were restored into one "
                        + target.displayName() + " database, which has no schemas");
                tables = tables.stream().map(t -> t.inSchema(null)).toList();
            }
        }
        SchemaReader reader = new SchemaReader(c, target);
        List<String> existing = new ArrayList<>();
        Map<String, String> refs = new java.util.HashMap<>();
        Dialect td = Dialect.of(target.family());
        for (String ns : tables.stream().map(Table::schema).distinct().toList()) {
            for (String e : reader.in(ns, reader::tableNames)) {
                existing.add(ns == null ? e : ns + "." + e);
                refs.put(existing.get(existing.size() - 1), Ddl.ref(td, ns, e));
            }
        }
        List<String> names = tables.stream().map(Table::displayName).toList();
        if (!existing.isEmpty() && !clean) {
            throw new NotEmpty("the target already has " + existing.size() + " table(s) (" + preview(existing)
                    + "); restore into an empty database, or pass --clean to replace the backup's tables");
        }
        List<String> replaced = existing.stream().filter(e -> names.stream().anyMatch(n -> n.equalsIgnoreCase(e))).toList();
        serverDdl = manifest.schemaDump() != null && sameEngine && existing.isEmpty();
        if (manifest.schemaDump() != null && sameEngine && !existing.isEmpty()) {
            nativeWarnings.add("the schema was recreated by Covet's own reader, not from the "
                    + manifest.schemaSource() + " definitions, because --clean replaces tables in a non-empty "
                    + "target; not carried that way: " + (manifest.notCarried().isEmpty() ? "nothing"
                    : String.join(", ", manifest.notCarried())));
        }
        // engine fact: PostgreSQL's server DDL is a pg_dump archive, restored by pg_restore
        if (serverDdl && target.family() == Engine.POSTGRESQL) {
            return dumped(c, target);
        }
        // without transactional DDL a failed restore cannot roll back its CREATE TABLEs, so it is staged instead
        return !Dialect.of(target.family()).supports(Feature.TRANSACTIONAL_DDL)
                ? staged(c, source, reader.namespace(), replaced)
                : transactional(c, source, target, replaced.stream().map(refs::get).toList(), reader);
    }

    /** The checks, partial indexes and native objects of the backup, described for a message. */
    private List<String> nativeParts() {
        List<String> out = new ArrayList<>();
        for (Table t : manifest.tables()) {
            t.checks().forEach(k -> out.add("check constraint " + k.name() + " on " + t.displayName()));
            t.indexes().stream().filter(i -> i.where() != null)
                    .forEach(i -> out.add("partial index " + i.name() + " on " + t.displayName()));
        }
        manifest.nativeObjects().forEach(o -> out.add(o.describe()));
        manifest.schemaNativeObjects().forEach((ns, objects) -> objects
                .forEach(o -> out.add(o.describe() + " in schema " + ns)));
        return out;
    }

    private static String preview(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names) : String.join(", ", names.subList(0, 5)) + ", …";
    }

    /**
     * Same-engine restore from the engine's own schema script: its pre-data half (types, functions, tables,
     * views), the rows, its post-data half (keys, indexes, constraints, triggers, rules), then materialized views
     * refreshed and sequences set, all in one transaction.
     */
    private Result dumped(Connection c, Engine target) throws SQLException {
        Manifest.SchemaDump dump = manifest.schemaDump();
        String pre = PgSchemaDump.read(storage, codec, manifest.id(), dump.preData());
        String post = PgSchemaDump.read(storage, codec, manifest.id(), dump.postData());
        String current;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT quote_ident(current_schema())")) {
            rs.next();
            current = rs.getString(1);
        }
        if (current == null && dump.sourceSchema() != null) {
            throw new NotEmpty("the target has no current schema to restore into: its search_path names none "
                    + "that exists; create the schema or fix the URL's currentSchema");
        }
        Ddl ddl = new Ddl(target, target, null);
        c.setAutoCommit(false);
        try {
            PgSchemaDump.replay(c, pre, dump.sourceSchema(), current);
            long rows = load(c, target, ddl);
            PgSchemaDump.replay(c, post, dump.sourceSchema(), current);
            PgSchemaDump.finish(c, dump, current);
            c.commit();
            // what Covet's catalog reader could not write (nothing when pg_dump wrote the schema)
            List<String> missing = manifest.notCarried().stream().filter(PgCatalogDump::isCatalogNote).toList();
            return new Result(names(), rows, missing.isEmpty() ? List.of()
                    : List.of("not in this backup, recreate by hand if needed: " + String.join(", ", missing)));
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private Result transactional(Connection c, Engine source, Engine target, List<String> replaced,
                                 SchemaReader reader) throws SQLException {
        Ddl ddl = new Ddl(source, target, null);
        Dialect d = Dialect.of(target.family());
        // engine SQL: SQLite's PRAGMA foreign_keys / foreign_key_check around a load
        boolean sqlite = target.family() == Engine.SQLITE;
        if (sqlite) {
            exec(c, "PRAGMA foreign_keys = OFF"); // a no-op inside a transaction, so before it; checked before commit
        }
        c.setAutoCommit(false);
        try {
            for (Table t : tables) {
                if (t.schema() != null) {
                    exec(c, "CREATE SCHEMA IF NOT EXISTS " + d.quoteExisting(t.schema()));
                }
            }
            for (String t : replaced) {
                exec(c, "DROP TABLE " + t + (sqlite ? "" : " CASCADE"));
            }
            if (!replaced.isEmpty()) {
                for (NativeObject o : natives) {
                    if (o.kind() == NativeObject.Kind.VIEW) {
                        exec(c, "DROP VIEW IF EXISTS " + d.quoteExisting(o.name()) + (sqlite ? "" : " CASCADE"));
                    }
                }
                for (Map.Entry<String, List<NativeObject>> e : schemaNatives.entrySet()) {
                    for (NativeObject o : e.getValue()) {
                        if (o.kind() == NativeObject.Kind.VIEW) {
                            exec(c, "DROP VIEW IF EXISTS " + Ddl.ref(d, e.getKey(), o.name()) + " CASCADE");
                        }
                    }
                }
            }
            long rows;
            if (serverDdl) {
                rows = sqliteFromServerDdl(c, ddl);
            } else {
                rows = build(c, target, ddl);
                createNatives(c, d, natives, new ArrayList<>());
            }
            for (Map.Entry<String, List<NativeObject>> e : schemaNatives.entrySet()) {
                reader.in(e.getKey(), () -> {
                    createNatives(c, d, e.getValue(), new ArrayList<>());
                    return null;
                });
            }
            counters(c, target, ddl);
            if (sqlite) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                    if (rs.next()) {
                        throw new Mismatch("restored rows of " + rs.getString(1) + " break a foreign key to "
                                + rs.getString(3) + "; nothing was restored");
                    }
                }
            }
            c.commit();
            return new Result(names(), rows, warnings(ddl));
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

    private List<String> names() {
        return tables.stream().map(Table::displayName).toList();
    }

    private List<String> warnings(Ddl ddl) {
        List<String> out = new ArrayList<>(ddl.warnings());
        out.addAll(nativeWarnings);
        return out;
    }

    /**
     * Runs the native objects' SQL in order (expression indexes, views, functions, triggers), recording in
     * {@code undo} the statement that drops each one created.
     */
    private static void createNatives(Connection c, Dialect d, List<NativeObject> natives, List<String> undo)
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

    /**
     * Creates, loads and indexes every table through {@code ddl}, then adds checks and foreign keys and sets the
     * counters; returns the rows loaded. Native objects come between the keys and the counters (the caller's).
     */
    private long build(Connection c, Engine target, Ddl ddl) throws SQLException {
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
    private long load(Connection c, Engine target, Ddl ddl) throws SQLException {
        long rows = 0;
        for (Table t : tables) {
            ChunkReader in = new ChunkReader(storage, codec, manifest.id(), t, manifest.columnar());
            long n = Loader.load(c, target, Engine.forScheme(manifest.engine()), ddl.table(t),
                    t.columns().stream().map(Column::name).toList(), t.types(), in, loadDataLocal);
            if (n != t.rows() || !in.digest().value().equals(t.checksum())) {
                throw new Mismatch("table " + t.displayName() + " restored " + n + " rows with checksum "
                        + in.digest().value() + " but the manifest says " + t.rows() + " rows, " + t.checksum()
                        + "; nothing was restored");
            }
            rows += n;
            log.accept("restored " + t.displayName() + ": " + n + " rows");
        }
        return rows;
    }

    /** Sets every sequence or auto-increment counter (the last step, as after pg_restore's data and triggers). */
    private void counters(Connection c, Engine target, Ddl ddl) throws SQLException {
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
                        && rs.getString(1).toUpperCase(java.util.Locale.ROOT).contains("AUTOINCREMENT");
            }
        }
    }

    /**
     * MariaDB from its own {@code SHOW CREATE} text: the tables exactly as the source had them (indexes, foreign
     * keys, table options, AUTO_INCREMENT position) are created in the staging database with foreign-key checks
     * off, loaded, and their secondary keys and foreign keys added after the rows ({@link MariaDbSchemaDump#deferKeys},
     * nobody sees the staging database in between); returns the rows.
     */
    private long stagedFromServerDdl(Connection c, String stage, Ddl ddl) throws SQLException {
        String catalog = c.getCatalog();
        c.setCatalog(stage);
        exec(c, "SET FOREIGN_KEY_CHECKS = 0");
        try {
            List<String[]> after = new ArrayList<>(); // table, ALTER: every table's keys, then the foreign keys
            List<String[]> foreign = new ArrayList<>();
            for (Manifest.ObjectDdl o : manifest.schemaDump().objects()) {
                if (o.kind().equals("TABLE")) {
                    MariaDbSchemaDump.Split split = MariaDbSchemaDump.deferKeys(o.name(), o.sql());
                    try {
                        exec(c, split.create());
                    } catch (SQLException e) {
                        throw new SQLException("restoring table " + o.name() + " failed: " + e.getMessage(),
                                e.getSQLState(), e);
                    }
                    if (split.keys() != null) {
                        after.add(new String[] {o.name(), split.keys()});
                    }
                    if (split.foreignKeys() != null) {
                        foreign.add(new String[] {o.name(), split.foreignKeys()});
                    }
                }
            }
            long rows = load(c, Engine.MARIADB, ddl);
            c.commit();
            after.addAll(foreign);
            for (String[] a : after) {
                try {
                    exec(c, a[1]);
                } catch (SQLException x) {
                    throw new SQLException("restoring the keys of table " + a[0] + " failed: " + x.getMessage(),
                            x.getSQLState(), x);
                }
            }
            return rows;
        } finally {
            exec(c, "SET FOREIGN_KEY_CHECKS = 1");
            c.setCatalog(catalog);
        }
    }

    /**
     * SQLite from its own {@code sqlite_master} text: tables as written, the rows, then indexes, views and
     * triggers in creation order; returns the rows.
     */
    private long sqliteFromServerDdl(Connection c, Ddl ddl) throws SQLException {
        List<Manifest.ObjectDdl> objects = manifest.schemaDump().objects();
        for (Manifest.ObjectDdl o : objects) {
            if (o.kind().equals("TABLE")) {
                execNamed(c, o);
            }
        }
        long rows = load(c, Engine.SQLITE, ddl);
        for (Manifest.ObjectDdl o : objects) {
            if (!o.kind().equals("TABLE")) {
                execNamed(c, o);
            }
        }
        return rows;
    }

    private static void execNamed(Connection c, Manifest.ObjectDdl o) throws SQLException {
        try {
            exec(c, o.sql());
        } catch (SQLException e) {
            throw new SQLException("restoring " + o.kind().toLowerCase(java.util.Locale.ROOT) + " " + o.name()
                    + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private Result staged(Connection c, Engine source, String database, List<String> replaced) throws SQLException {

        String suffix = "__covet_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        String base = database.length() > 40 ? database.substring(0, 40) : database;
        String stage = base + suffix;
        String trash = base + suffix + "_old";
        Dialect d = Dialect.of(Engine.MARIADB);
        Ddl ddl = new Ddl(source, Engine.MARIADB, stage);
        exec(c, "CREATE DATABASE " + d.quoteExisting(stage));
        boolean trashCreated = false;
        try {
            c.setAutoCommit(false);
            long rows;
            try {
                if (serverDdl) {
                    rows = stagedFromServerDdl(c, stage, ddl);
                } else {
                    rows = build(c, Engine.MARIADB, ddl);
                    counters(c, Engine.MARIADB, ddl);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            StringBuilder rename = new StringBuilder("RENAME TABLE ");
            if (!replaced.isEmpty()) {
                exec(c, "CREATE DATABASE " + d.quoteExisting(trash));
                trashCreated = true;
                for (String t : replaced) {
                    rename.append(d.quoteExisting(database)).append('.').append(d.quoteExisting(t)).append(" TO ")
                            .append(d.quoteExisting(trash)).append('.').append(d.quoteExisting(t)).append(", ");
                }
            }
            StringBuilder back = new StringBuilder("RENAME TABLE ");
            for (int i = 0; i < tables.size(); i++) {
                String t = tables.get(i).name();
                rename.append(i == 0 ? "" : ", ").append(ddl.table(t)).append(" TO ")
                        .append(d.quoteExisting(database)).append('.').append(d.quoteExisting(t));
                back.append(i == 0 ? "" : ", ").append(d.quoteExisting(database)).append('.').append(d.quoteExisting(t))
                        .append(" TO ").append(ddl.table(t));
            }
            for (String t : replaced) {
                back.append(", ").append(d.quoteExisting(trash)).append('.').append(d.quoteExisting(t)).append(" TO ")
                        .append(d.quoteExisting(database)).append('.').append(d.quoteExisting(t));
            }
            exec(c, rename.toString()); // atomic: either every table moves or none does
            // Triggers cannot move between databases with their table, so views and triggers are created in place
            // now; if one fails, they are dropped and the tables moved back as they were.
            List<String> undo = new ArrayList<>();
            try {
                if (serverDdl) {
                    for (Manifest.ObjectDdl o : manifest.schemaDump().objects()) {
                        if (!o.kind().equals("TABLE")) {
                            undo.add(0, MariaDbSchemaDump.create(c, o));
                        }
                    }
                } else {
                    createNatives(c, d, natives, undo);
                }
            } catch (SQLException | RuntimeException e) {
                for (String u : undo) {
                    exec(c, u);
                }
                exec(c, back.toString());
                throw e;
            }
            return new Result(names(), rows, warnings(ddl));
        } finally {
            exec(c, "DROP DATABASE IF EXISTS " + d.quoteExisting(stage));
            if (trashCreated) {
                exec(c, "SET FOREIGN_KEY_CHECKS = 0");
                try {
                    exec(c, "DROP DATABASE IF EXISTS " + d.quoteExisting(trash));
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
