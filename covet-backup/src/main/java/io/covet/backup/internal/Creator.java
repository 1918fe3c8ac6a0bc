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
     * @param skip       objects to leave out: PostgreSQL tables and views ({@code schema.name} or a bare name);
     *                   MariaDB and SQLite tables, views, triggers, routines and events by name
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
                List<String> skipped = skipNames(c, reader, engine);
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
                            notCarried.add("table " + t.displayName() + SKIPPED);
                        } else {
                            schema.add(t);
                        }
                    }
                    List<NativeObject> found = reader.in(ns, () -> Introspector.readNativeObjects(c, engine));
                    if (!skipped.isEmpty()) {
                        String space = ns == null ? reader.namespace() : ns;
                        found = found.stream().filter(o -> !skipped.contains(space + "." + o.name())
                                && (o.table() == null || !skipped.contains(space + "." + o.table()))).toList();
                    }
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
                    dump = new Manifest.SchemaDump(without(MariaDbSchemaDump.read(c), skipped, reader.namespace()));
                    source = "SHOW CREATE (MariaDB " + db.server().version() + ")";
                } else if (engineSchemaDump && engine.family() == Engine.SQLITE) {
                    dump = new Manifest.SchemaDump(without(SqliteSchemaDump.read(c), skipped, reader.namespace()));
                    source = "sqlite_master";
                }
                // engine fact: MariaDB and SQLite name views, triggers and routines in --skip too
                if (!skipped.isEmpty() && engine.family() != Engine.POSTGRESQL) {
                    List<Manifest.ObjectDdl> all = engine.family() == Engine.MARIADB ? MariaDbSchemaDump.read(c)
                            : SqliteSchemaDump.read(c);
                    notCarried.addAll(skippedObjects(all, Introspector.readNativeObjects(c, engine), skipped,
                            reader.namespace()));
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

    /** How a {@link Manifest#notCarried()} entry of an object left out with {@code --skip} ends. */
    public static final String SKIPPED = " (left out on request)";

    /**
     * The objects to leave out. PostgreSQL: relations, as {@code schema.name} (a bare name is in the connection's
     * current schema). MariaDB, SQLite: tables, views, triggers, routines and events by name, as
     * {@code namespace.name} like the tables they are compared with, plus the triggers (and SQLite indexes) of a
     * table left out, which cannot be restored without it.
     *
     * @throws BackupException (INVALID) for a name that is no such object of the database; nothing was written
     */
    private List<String> skipNames(Connection c, SchemaReader reader, Engine engine) throws SQLException {
        if (skip.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        // engine fact: only PostgreSQL has several schemas in one database, so only its names are qualified
        if (engine.family() != Engine.POSTGRESQL) {
            List<String> tables = reader.tableNames();
            java.util.Set<String> known = new java.util.HashSet<>(tables);
            // engine facts: each engine's own object definitions (SHOW CREATE, sqlite_master)
            for (Manifest.ObjectDdl o : engine.family() == Engine.MARIADB ? MariaDbSchemaDump.read(c)
                    : SqliteSchemaDump.read(c)) {
                known.add(o.name());
            }
            for (NativeObject o : Introspector.readNativeObjects(c, engine)) {
                known.add(o.name());
            }
            for (String name : skip) {
                if (!known.contains(name)) {
                    unknown.add(name);
                } else if (!out.contains(reader.namespace() + "." + name)) {
                    out.add(reader.namespace() + "." + name);
                    if (tables.contains(name)) {
                        for (String d : reader.dependents(name)) {
                            out.add(reader.namespace() + "." + d);
                        }
                    }
                }
            }
            if (!unknown.isEmpty()) {
                throw new BackupException(BackupException.Reason.INVALID, "--skip names no table, view, trigger, "
                        + "routine or event of this database: " + String.join(", ", unknown) + "; nothing was written");
            }
            java.util.Set<String> skippedTables = new java.util.TreeSet<>(skip);
            skippedTables.retainAll(tables);
            java.util.Set<String> skippedNames = new java.util.HashSet<>();
            String prefix = reader.namespace() + ".";
            out.forEach(q -> skippedNames.add(q.substring(prefix.length())));
            List<String> needed = SkipDependents.of(skippedTables, skippedNames,
                    Introspector.readNativeObjects(c, engine), reader.tables(null), engine.family() == Engine.MARIADB);
            if (!needed.isEmpty()) {
                throw new BackupException(BackupException.Reason.INVALID, "this backup could not be restored into an "
                        + "empty database: " + String.join("; ", needed) + ". Keep the table, or leave these out "
                        + "too with --skip (BackupOptions.skip); nothing was written");
            }
            return out;
        }
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

    /** MariaDB, SQLite: the objects left out, without the tables (which the table loop names), for the manifest. */
    private static List<String> skippedObjects(List<Manifest.ObjectDdl> dump, List<NativeObject> natives,
                                               List<String> skipped, String namespace) {
        List<String> out = new ArrayList<>();
        for (Manifest.ObjectDdl o : dump) {
            if (!o.kind().equals("TABLE") && skipped.contains(namespace + "." + o.name())) {
                out.add(o.kind().toLowerCase(java.util.Locale.ROOT) + " " + o.name() + SKIPPED);
            }
        }
        for (NativeObject o : natives) {
            String entry = o.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + o.name() + SKIPPED;
            if ((skipped.contains(namespace + "." + o.name()) || (o.table() != null
                    && skipped.contains(namespace + "." + o.table()))) && !out.contains(entry)) {
                out.add(entry);
            }
        }
        return out;
    }

    /**
     * Refuses, before anything is written, a PostgreSQL backup that could not be restored into an empty database:
     * objects of the backed-up schemas using objects of schemas it does not hold, or (without pg_dump) columns of
     * user-defined types Covet's own DDL cannot create; what is skipped does not count, but what would be restored
     * while depending on something skipped does (a view over a skipped table, another table's foreign key to it).
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
        boolean elsewhere = !problems.isEmpty();
        if (!skipped.isEmpty()) {
            problems.addAll(PgRestorability.dependentsOfSkipped(c, skipped));
        }
        if (!problems.isEmpty()) {
            List<String> tables = problems.stream().map(PgRestorability.Problem::table)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            throw new BackupException(BackupException.Reason.INVALID, "this backup could not be restored into an "
                    + "empty database: " + String.join("; ", problems.stream().limit(10)
                    .map(PgRestorability.Problem::describe).toList())
                    + (problems.size() > 10 ? " (and " + (problems.size() - 10) + " more)" : "")
                    + ". " + (elsewhere ? "Back up the schemas they use too (--schema), " + (pgDump ? "" : "install pg_dump, ")
                    + "or" : "Keep what they use, or") + (tables.isEmpty() ? " change them"
                    : " leave them out with --skip " + String.join(" --skip ", tables) + " (BackupOptions.skip)")
                    + "; nothing was written");
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

    /** The server's definitions without those of the objects left out. */
    private static List<Manifest.ObjectDdl> without(List<Manifest.ObjectDdl> objects, List<String> skipped,
                                                    String namespace) {
        return skipped.isEmpty() ? objects
                : objects.stream().filter(o -> !skipped.contains(namespace + "." + o.name())).toList();
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
