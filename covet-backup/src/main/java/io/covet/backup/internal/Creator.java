package io.covet.backup.internal;

import io.covet.backup.BackupException;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.Database;
import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Engine;
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
    private final boolean engineSchemaDump;

    public Creator(Storage storage, ChunkCodec codec, int chunkBytes, int jobs, Listener listener) {
        this(storage, codec, chunkBytes, jobs, listener, List.of(), true);
    }

    /**
     * @param schemas          the PostgreSQL schemas to back up; empty for the default ({@link SchemaReader#schemas})
     * @param engineSchemaDump take the schema with the engine's own dump tool too, when it is installed
     */
    public Creator(Storage storage, ChunkCodec codec, int chunkBytes, int jobs, Listener listener,
                   List<String> schemas, boolean engineSchemaDump) {
        this.schemas = schemas;
        this.engineSchemaDump = engineSchemaDump;
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
            boolean pgDump = engine.family() == Engine.POSTGRESQL && engineSchemaDump && PgSchemaDump.available();
            String exported = Snapshot.begin(c, engine, jobs > 1 || pgDump);
            try {
                SchemaReader reader = new SchemaReader(c, engine);
                List<String> namespaces;
                try {
                    namespaces = reader.schemas(schemas);
                } catch (IllegalArgumentException e) {
                    throw new BackupException(BackupException.Reason.INVALID, e.getMessage() + "; nothing was written");
                }
                List<Table> schema = new ArrayList<>();
                List<NativeObject> natives = List.of();
                Map<String, List<NativeObject>> schemaNatives = new LinkedHashMap<>();
                List<String> notCarried = new ArrayList<>();
                for (String ns : namespaces) {
                    schema.addAll(reader.tables(ns));
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
                if (pgDump) {
                    List<String> dumped = schemas.isEmpty() && !reader.pinned() ? List.of()
                            : namespaces.get(0) == null ? List.of(reader.namespace()) : namespaces;
                    PgSchemaDump.Taken taken = PgSchemaDump.take(c, db.config().url().orElse(null), exported, dumped,
                            namespaces.get(0) == null ? reader.namespace() : null, storage, codec, id);
                    source = taken.source();
                    dump = taken.dump();
                } else if (engine.family() == Engine.POSTGRESQL) {
                    source = engineSchemaDump ? "covet (pg_dump is not installed)" : "covet (pg_dump not asked for)";
                } else if (engineSchemaDump && engine.family() == Engine.MARIADB) {
                    dump = new Manifest.SchemaDump(MariaDbSchemaDump.read(c));
                    source = "SHOW CREATE (MariaDB " + db.server().version() + ")";
                } else if (engineSchemaDump) {
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
