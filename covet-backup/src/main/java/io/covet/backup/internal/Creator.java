package io.covet.backup.internal;

import io.covet.backup.BackupException;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.Database;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.schema.Introspector;
import io.covet.schema.NativeObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes one logical backup: snapshot, schema (tables, then views, triggers and expression indexes as native SQL),
 * table data (in parallel on PostgreSQL), manifest last.
 */
public final class Creator {
    /** Receives progress: a table's name and the rows dumped from it so far. */
    public interface Listener {
        void progress(String table, int tableIndex, int tableCount, long rows);
    }

    private final Storage storage;
    private final ChunkCodec codec;
    private final int chunkBytes;
    private final int jobs;
    private final Listener listener;
    private final List<String> schemas;
    private final SchemaFrom schemaFrom;
    private final boolean engineSchemaDump;
    private final List<String> skip;

    /** Where the schema for a same-engine restore comes from (see {@code BackupOptions.SchemaSource}). */
    public enum SchemaFrom {
        /** The engine's own tool (pg_dump) when installed, else Covet's catalog reader. */
        NATIVE_TOOL,
        /** Covet's catalog reader (PostgreSQL), the server's own text (MariaDB, SQLite). */
        CATALOG,
        /** Covet's portable schema alone. */
        PORTABLE
    }

    public Creator(Storage storage, ChunkCodec codec, int chunkBytes, int jobs, Listener listener) {
        this(storage, codec, chunkBytes, jobs, listener, List.of(), SchemaFrom.NATIVE_TOOL, List.of());
    }

    /**
     * @param schemas    the PostgreSQL schemas to back up; empty for the default ({@link SchemaReader#schemas})
     * @param schemaFrom where the schema for a same-engine restore comes from
     * @param skip       PostgreSQL tables and views to leave out ({@code schema.name} or a bare name)
     */
    public Creator(Storage storage, ChunkCodec codec, int chunkBytes, int jobs, Listener listener,
                   List<String> schemas, SchemaFrom schemaFrom, List<String> skip) {
        this.skip = skip;
        this.schemas = schemas;
        this.schemaFrom = schemaFrom;
        this.engineSchemaDump = schemaFrom != SchemaFrom.PORTABLE;
        this.storage = storage;
        this.codec = codec;
        this.chunkBytes = chunkBytes;
        this.jobs = jobs;
        this.listener = listener;
    }

    /** Dumps every table of {@code db} under {@code id}; returns the manifest (not yet stored). */
    public Manifest dump(Database db, String id, Manifest header) {
        Engine engine = db.engine();
        Dialect dialect = db.dialect();
        Dumper dumper = new Dumper(storage, codec, id, chunkBytes);
        return db.withConnection(c -> {
            // engine facts below: each engine's own schema dump tool (pg_dump, SHOW CREATE, sqlite_master)
            boolean pgDump = engine.family() == Engine.POSTGRESQL && schemaFrom == SchemaFrom.NATIVE_TOOL
                    && PgSchemaDump.available();
            // without pg_dump, PostgreSQL's schema is written by Covet's catalog reader from the same snapshot
            boolean catalog = engine.family() == Engine.POSTGRESQL && engineSchemaDump && !pgDump;
            String exported = Snapshot.begin(c, engine, jobs > 1 || pgDump);
            try {
                SchemaReader reader = new SchemaReader(c, engine);
                List<String> namespaces;
                try {
                    namespaces = reader.schemas(schemas);
                } catch (IllegalArgumentException e) {
                    throw new BackupException(BackupException.Reason.INVALID, e.getMessage() + "; nothing was written");
                }
                List<String> skipped = skipNames(reader, engine);
                // engine fact: only PostgreSQL has the extensions and schemas that can make a backup unrestorable
                if (engine.family() == Engine.POSTGRESQL) {
                    refuseUnrestorable(c, reader, namespaces, pgDump || catalog, skipped);
                }
                List<Table> schema = new ArrayList<>();
                List<NativeObject> natives = List.of();
                Map<String, List<NativeObject>> schemaNatives = new LinkedHashMap<>();
                List<String> notCarried = new ArrayList<>();
                // engine fact: extensions are a PostgreSQL object that a partial backup cannot carry
                if (engine.family() == Engine.POSTGRESQL && !(schemas.isEmpty() && !reader.pinned())) {
                    for (String x : PgRestorability.extensionsNeeded(c,
                            namespaces.get(0) == null ? List.of(reader.namespace()) : namespaces)) {
                        if (!x.equals("plpgsql")) {
                            notCarried.add("extension " + x + " (must exist in the target: a backup of some "
                                    + "schemas does not create extensions)");
                        }
                    }
                }
                for (String ns : namespaces) {
                    for (Table t : reader.tables(ns)) {
                        if (skipped.contains((ns == null ? reader.namespace() : ns) + "." + t.name())) {
                            notCarried.add("table " + t.displayName() + " (left out on request)");
                        } else {
                            schema.add(t);
                        }
                    }
                    List<NativeObject> found = reader.in(ns, () -> Introspector.readNativeObjects(c, engine));
                    if (ns == null) {
                        natives = found;
                    } else if (!found.isEmpty()) {
                        schemaNatives.put(ns, found);
                    }
                    notCarried.addAll(reader.notCarried(ns));
                }
                String source = "covet";
                Manifest.SchemaDump dump = null;
                // engine facts: each engine's schema comes from its own tool (pg_dump, SHOW CREATE, sqlite_master)
                List<String> dumped = schemas.isEmpty() && !reader.pinned() ? List.of()
                        : namespaces.get(0) == null ? List.of(reader.namespace()) : namespaces;
                String current = namespaces.get(0) == null ? reader.namespace() : null;
                if (pgDump) {
                    PgSchemaDump.Taken taken = PgSchemaDump.take(c, db.config().url().orElse(null), exported, dumped,
                            current, skipped, storage, codec, id);
                    source = taken.source();
                    dump = taken.dump();
                    if (dump == null) { // pg_dump failed: the catalog reader writes the schema instead
                        catalog = true;
                    }
                } else if (engine.family() == Engine.POSTGRESQL && !engineSchemaDump) {
                    source = "covet (pg_dump not asked for)";
                }
                if (catalog) {
                    String why = pgDump ? source.substring("covet (".length(), source.length() - 1)
                            : schemaFrom == SchemaFrom.CATALOG ? "asked for" : "pg_dump is not installed";
                    PgCatalogDump.Taken taken;
                    try {
                        taken = PgCatalogDump.take(c, dumped, current, skipped, storage, codec, id);
                    } catch (IllegalStateException e) {
                        throw new BackupException(BackupException.Reason.INVALID, e.getMessage()
                                + "; nothing was written");
                    }
                    dump = taken.dump();
                    notCarried.addAll(taken.notCarried());
                    source = "covet catalog (PostgreSQL " + db.server().version() + "; " + why + ")";
                } else if (engineSchemaDump && engine.family() == Engine.MARIADB) {
                    dump = new Manifest.SchemaDump(MariaDbSchemaDump.read(c));
                    source = "SHOW CREATE (MariaDB " + db.server().version() + ")";
                } else if (engineSchemaDump && engine.family() == Engine.SQLITE) {
                    dump = new Manifest.SchemaDump(SqliteSchemaDump.read(c));
                    source = "sqlite_master";
                }
                List<Table> done;
                if (jobs > 1 && schema.size() > 1) {
                    done = parallel(db, exported, dumper, schema);
                } else {
                    done = new ArrayList<>();
                    for (int i = 0; i < schema.size(); i++) {
                        done.add(dumpOne(c, engine, dialect, dumper, i, schema));
                    }
                }
                boolean qualified = namespaces.get(0) != null || dump != null;
                return new Manifest(qualified ? Manifest.FORMAT_3 : Manifest.FORMAT, id, header.createdAt(),
                        engine.scheme(), db.server().version(), header.covetVersion(), exported,
                        header.compression(), header.encryption(), done, natives, schemaNatives, notCarried, source, dump);
            } finally {
                Snapshot.end(c, engine);
            }
        });
    }

    /**
     * The relations to leave out, as {@code schema.name} (a bare name is in the connection's current schema).
     *
     * @throws BackupException (INVALID) for a name that is no table or view of the database, or on MariaDB/SQLite
     */
    private List<String> skipNames(SchemaReader reader, Engine engine) throws SQLException {
        if (skip.isEmpty()) {
            return List.of();
        }
        // engine fact: only PostgreSQL has several schemas in one database to leave objects out of
        if (engine.family() != Engine.POSTGRESQL) {
            throw new BackupException(BackupException.Reason.INVALID, "--skip leaves PostgreSQL objects out of a "
                    + "backup of some schemas; a " + engine.displayName() + " backup restores every object, so "
                    + "there is nothing to skip; nothing was written");
        }
        List<String> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : skip) {
            String q = name.contains(".") ? name : reader.namespace() + "." + name;
            if (!reader.relationExists(q.substring(0, q.indexOf('.')), q.substring(q.indexOf('.') + 1))) {
                unknown.add(name);
            }
            out.add(q);
        }
        if (!unknown.isEmpty()) {
            throw new BackupException(BackupException.Reason.INVALID, "--skip names no table or view: "
                    + String.join(", ", unknown) + " (write schema.name, or a bare name for the current schema "
                    + reader.namespace() + "); nothing was written");
        }
        return out;
    }

    /**
     * Refuses, before anything is written, a PostgreSQL backup that could not be restored into an empty database:
     * objects of the backed-up schemas using objects of schemas it does not hold, or (without pg_dump) columns of
     * user-defined types Covet's own DDL cannot create; what is skipped does not count.
     */
    private void refuseUnrestorable(Connection c, SchemaReader reader, List<String> namespaces, boolean pgDump,
                                    List<String> skipped) throws SQLException {
        List<String> held = namespaces.get(0) == null ? List.of(reader.namespace()) : namespaces;
        boolean whole = schemas.isEmpty() && !reader.pinned();
        List<PgRestorability.Problem> problems = new ArrayList<>();
        if (!whole) {
            problems.addAll(PgRestorability.outsideDependencies(c, held));
        }
        if (!pgDump) {
            problems.addAll(PgRestorability.userTypedColumns(c, held));
        }
        problems.removeIf(p -> p.table() != null && skipped.contains(p.table()));
        if (!problems.isEmpty()) {
            List<String> tables = problems.stream().map(PgRestorability.Problem::table)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            throw new BackupException(BackupException.Reason.INVALID, "this backup could not be restored into an "
                    + "empty database: " + String.join("; ", problems.stream().limit(10)
                    .map(PgRestorability.Problem::describe).toList())
                    + (problems.size() > 10 ? " (and " + (problems.size() - 10) + " more)" : "")
                    + ". Back up the schemas they use too (--schema), " + (pgDump ? "" : "install pg_dump, ")
                    + (tables.isEmpty() ? "" : "or leave them out with --skip " + String.join(" --skip ", tables)
                    + " (BackupOptions.skip)") + "; nothing was written");
        }
    }

    private Table dumpOne(Connection c, Engine engine, Dialect dialect, Dumper dumper, int i, List<Table> schema)
            throws SQLException {
        Table t = schema.get(i);
        try {
            return dumper.dump(c, engine, dialect, i, t, rows -> listener.progress(t.displayName(), i, schema.size(), rows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a chunk of " + t.name() + " in " + storage.describe()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Workers join the exported snapshot, so every table is read as of the same instant. */
    private List<Table> parallel(Database db, String snapshot, Dumper dumper, List<Table> schema) {
        Table[] done = new Table[schema.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, schema.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < Math.min(jobs, schema.size()); w++) {
                futures.add(pool.submit(() -> db.withConnection(c -> {
                    Snapshot.join(c, snapshot);
                    try {
                        for (int i = next.getAndIncrement(); i < schema.size(); i = next.getAndIncrement()) {
                            done[i] = dumpOne(c, db.engine(), db.dialect(), dumper, i, schema);
                        }
                    } finally {
                        Snapshot.end(c, db.engine());
                    }
                    return null;
                })));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    next.set(schema.size());
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while dumping tables", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Table> out = new ArrayList<>();
        Collections.addAll(out, done);
        return out;
    }
}
