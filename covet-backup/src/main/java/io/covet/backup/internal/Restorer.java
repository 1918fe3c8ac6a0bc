package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Table;
import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Feature;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.schema.NativeObject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.covet.backup.internal.RestoreTables.exec;

/**
 * Restores a backup on one connection, all or nothing. PostgreSQL and SQLite run everything (drops for
 * {@code clean}, tables, COPY/inserts, indexes, checks, foreign keys, expression indexes, views, trigger functions,
 * triggers, sequence positions) in one transaction, since their DDL is transactional. MariaDB's DDL commits
 * implicitly, so the tables are built in a staging database and moved into the target with one atomic
 * {@code RENAME TABLE}, then views and triggers are created (undone, and the tables moved back, if one fails); a
 * failure drops the staging database ({@link MariaDbStaging}). Each table's rows are checked against the manifest's
 * row count and checksum before anything becomes visible. What is carried is decided first ({@link RestorePlan});
 * the tables are written by {@link RestoreTables}.
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
    private final boolean loadDataLocal;
    private RestorePlan plan;
    private RestoreTables writer;
    /** Whether this restore recreates the schema from the server's own definitions in the manifest. */
    private boolean serverDdl;

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
        plan = RestorePlan.of(manifest, source, target, skipNative);
        writer = new RestoreTables(storage, codec, manifest, log, loadDataLocal, plan.tables);
        boolean sameEngine = source.family() == target.family();
        SchemaReader reader = new SchemaReader(c, target);
        List<String> existing = new ArrayList<>();
        Map<String, String> refs = new java.util.HashMap<>();
        Dialect td = Dialect.of(target.family());
        for (String ns : plan.tables.stream().map(Table::schema).distinct().toList()) {
            for (String e : reader.in(ns, reader::tableNames)) {
                existing.add(ns == null ? e : ns + "." + e);
                refs.put(existing.get(existing.size() - 1), Ddl.ref(td, ns, e));
            }
        }
        List<String> names = plan.names();
        if (!existing.isEmpty() && !clean) {
            throw new NotEmpty("the target already has " + existing.size() + " table(s) (" + preview(existing)
                    + "); restore into an empty database, or pass --clean to replace the backup's tables");
        }
        List<String> replaced = existing.stream().filter(e -> names.stream().anyMatch(n -> n.equalsIgnoreCase(e))).toList();
        serverDdl = manifest.schemaDump() != null && sameEngine && existing.isEmpty();
        if (manifest.schemaDump() != null && sameEngine && !existing.isEmpty()) {
            plan.warn("the schema was recreated by Covet's own reader, not from the "
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
                ? new MariaDbStaging(manifest, plan, writer, serverDdl).run(c, source, reader.namespace(), replaced)
                : transactional(c, source, target, replaced.stream().map(refs::get).toList(), reader);
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
            long rows = writer.load(c, target, ddl);
            PgSchemaDump.replay(c, post, dump.sourceSchema(), current);
            PgSchemaDump.finish(c, dump, current);
            c.commit();
            // what Covet's catalog reader could not write (nothing when pg_dump wrote the schema)
            List<String> missing = manifest.notCarried().stream().filter(PgCatalogDump::isCatalogNote).toList();
            return new Result(plan.names(), rows, missing.isEmpty() ? List.of()
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
            for (Table t : plan.tables) {
                if (t.schema() != null) {
                    exec(c, "CREATE SCHEMA IF NOT EXISTS " + d.quoteExisting(t.schema()));
                }
            }
            for (String t : replaced) {
                exec(c, "DROP TABLE " + t + (sqlite ? "" : " CASCADE"));
            }
            if (!replaced.isEmpty()) {
                for (NativeObject o : plan.natives) {
                    if (o.kind() == NativeObject.Kind.VIEW) {
                        exec(c, "DROP VIEW IF EXISTS " + d.quoteExisting(o.name()) + (sqlite ? "" : " CASCADE"));
                    }
                }
                for (Map.Entry<String, List<NativeObject>> e : plan.schemaNatives.entrySet()) {
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
                rows = writer.build(c, target, ddl);
                RestoreTables.createNatives(c, d, plan.natives, new ArrayList<>());
            }
            for (Map.Entry<String, List<NativeObject>> e : plan.schemaNatives.entrySet()) {
                reader.in(e.getKey(), () -> {
                    RestoreTables.createNatives(c, d, e.getValue(), new ArrayList<>());
                    return null;
                });
            }
            writer.counters(c, target, ddl);
            if (sqlite) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                    if (rs.next()) {
                        throw new Mismatch("restored rows of " + rs.getString(1) + " break a foreign key to "
                                + rs.getString(3) + "; nothing was restored");
                    }
                }
            }
            c.commit();
            return plan.result(rows, ddl);
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

    /**
     * SQLite from its own {@code sqlite_master} text: tables as written, the rows, then indexes, views and
     * triggers in creation order; returns the rows.
     */
    private long sqliteFromServerDdl(Connection c, Ddl ddl) throws SQLException {
        List<Manifest.ObjectDdl> objects = manifest.schemaDump().objects();
        for (Manifest.ObjectDdl o : objects) {
            if (o.kind().equals("TABLE")) {
                RestoreTables.execNamed(c, o);
            }
        }
        long rows = writer.load(c, Engine.SQLITE, ddl);
        for (Manifest.ObjectDdl o : objects) {
            if (!o.kind().equals("TABLE")) {
                RestoreTables.execNamed(c, o);
            }
        }
        return rows;
    }
}
