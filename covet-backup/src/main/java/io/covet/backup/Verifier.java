package io.covet.backup;

import io.covet.backup.internal.ChunkCodec;
import io.covet.backup.internal.ChunkReader;
import io.covet.backup.internal.Cleanup;
import io.covet.backup.internal.Ddl;
import io.covet.backup.internal.Manifest;
import io.covet.backup.internal.MariaDbSchemaDump;
import io.covet.backup.internal.PortableType;
import io.covet.backup.internal.Restorer;
import io.covet.backup.internal.SchemaReader;
import io.covet.backup.internal.SqliteSchemaDump;
import io.covet.backup.internal.TableDigest;
import io.covet.backup.internal.Values;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.schema.NativeObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** The restore half of {@link VerifyReport.Mode#RESTORE}: restore into scratch, read back, compare. */
final class Verifier {
    /** What a restore check found; {@code into} null when nothing was restored. */
    record Outcome(List<String> problems, String into) {
    }

    private Verifier() {
    }

    /**
     * Restores into {@code scratchUrl}, or into a temporary SQLite file for a SQLite backup; for another engine
     * without a URL nothing is restored (an outcome with {@code into} null).
     */
    static Outcome restoreAndCompare(BackupRepository repo, Manifest m, ChunkCodec codec, String scratchUrl) {
        Engine engine = Engine.forScheme(m.engine()).family();
        if (scratchUrl != null) {
            // a scratch SQLite file that verify has to create is verify's to remove, like its own temporary one
            Path created = DatabaseUrl.parse(scratchUrl).missingFile().orElse(null);
            try (Cleanup undo = created == null ? null : Cleanup.sqlite(created);
                 Database scratch = Database.open(scratchUrl)) {
                String into = "the scratch " + scratch.engine().displayName() + " database"
                        + (scratch.engine().family() == engine ? "" : " (not the backup's engine)");
                return new Outcome(restoreInto(repo, m, codec, scratch, true), into);
            }
        }
        if (!engine.embedded()) {
            return new Outcome(List.of(), null);
        }
        Cleanup temp = null;
        try {
            Path file = Files.createTempFile("covet-verify-", ".db");
            temp = Cleanup.sqlite(file);
            try (Database scratch = Database.open("sqlite:" + file)) {
                return new Outcome(restoreInto(repo, m, codec, scratch, false), "a temporary SQLite file");
            }
        } catch (IOException e) {
            return new Outcome(List.of("cannot create a scratch SQLite file: " + e.getMessage()), null);
        } finally {
            if (temp != null) {
                temp.close();
            }
        }
    }

    /** The prefix of the temporary databases verify creates and drops; never the name of a user's database. */
    static final String TEMPORARY_PREFIX = "__covet_verify_";

    /**
     * Creates a temporary database ({@value #TEMPORARY_PREFIX} and random hex) on {@code server}'s server
     * (PostgreSQL, MariaDB), restores into it, compares and drops it — also when the restore fails and at
     * shutdown (Ctrl-C), through {@link Cleanup}; for SQLite a temporary file. When the database cannot be created
     * (no privilege) or the server is of another engine than the backup, nothing is restored and the reason is
     * the outcome's only problem, with {@code into} null.
     */
    static Outcome restoreIntoTemporary(BackupRepository repo, Manifest m, ChunkCodec codec, Database server) {
        Engine engine = server.engine().family();
        if (engine.embedded() || server.config().url().isEmpty()) {
            return restoreAndCompare(repo, m, codec, null);
        }
        if (!sameFamily(engine, m)) {
            return new Outcome(List.of("not restored: the backup is of " + Engine.forScheme(m.engine()).displayName()
                    + " and the server given is " + server.engine().displayName()
                    + "; give a scratch database of the backup's engine to restore into"), null);
        }
        DatabaseUrl url = server.config().url().get();
        String name = TEMPORARY_PREFIX + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        String quoted = server.dialect().quoteExisting(name);
        try {
            server.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + quoted);
                }
                return null;
            });
        } catch (RuntimeException e) {
            return new Outcome(List.of("not restored: cannot create a temporary database on "
                    + url.location() + " (" + e.getMessage() + "); give a scratch database to restore into"), null);
        }
        java.util.concurrent.atomic.AtomicReference<Database> open = new java.util.concurrent.atomic.AtomicReference<>();
        // Dropped when done, when the restore fails, and at shutdown: its sessions are closed first, so the drop
        // does not wait for a restore still running.
        try (Cleanup drop = Cleanup.of(() -> {
            Database scratch = open.getAndSet(null);
            if (scratch != null) {
                scratch.close();
            }
            server.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    // engine SQL: only PostgreSQL refuses to drop a database with sessions unless forced
                    s.execute("DROP DATABASE IF EXISTS " + quoted + (engine == Engine.POSTGRESQL ? " WITH (FORCE)" : ""));
                }
                return null;
            });
        })) {
            StringBuilder text = new StringBuilder(url.engine().scheme()).append("://")
                    .append(url.host().orElse("localhost")).append(':').append(url.port()).append('/').append(name);
            DatabaseUrl target = DatabaseUrl.parse(text.toString()).withCredentials(url.user().orElse(null),
                    url.password().orElse(null));
            Database scratch = Database.open(DatabaseConfig.builder("covet_verify").url(target).build());
            open.set(scratch);
            return new Outcome(restoreInto(repo, m, codec, scratch, false),
                    "a temporary " + server.engine().displayName() + " database");
        }
    }

    private static List<String> restoreInto(BackupRepository repo, Manifest m, ChunkCodec codec, Database scratch,
                                            boolean cleanUp) {
        List<String> problems = new ArrayList<>();
        Engine engine = scratch.engine();
        try {
            scratch.withConnection(c -> new Restorer(repo.storage(), codec, m, s -> { },
                            scratch.supports(io.covet.core.dialect.Feature.LOAD_DATA_LOCAL))
                    .restore(c, engine, false, false));
            for (Manifest.Table t : m.tables()) {
                compare(scratch, m, t, problems);
            }
            if (sameFamily(engine, m)) {
                compareSchema(scratch, m, problems);
            }
        } catch (Restorer.NotEmpty e) {
            problems.add("the scratch database is not empty: " + e.getMessage());
            return problems;
        } catch (ChunkCodec.CorruptChunk | ChunkReader.MissingChunk | Restorer.Mismatch e) {
            problems.add(e.getMessage());
        } catch (RuntimeException e) {
            problems.add("restoring into " + engine.displayName() + " failed: " + e.getMessage());
        } finally {
            if (cleanUp) {
                drop(scratch, m);
            }
        }
        return problems;
    }

    /** The restored schema against the manifest's: tables and columns, and the server's own definitions. */
    private static void compareSchema(Database db, Manifest m, List<String> problems) {
        db.withConnection(c -> {
            SchemaReader reader = new SchemaReader(c, db.engine());
            for (String ns : m.tables().stream().map(Manifest.Table::schema).distinct().toList()) {
                List<Manifest.Table> restored = reader.tables(ns);
                for (Manifest.Table t : m.tables().stream().filter(t -> Objects.equals(t.schema(), ns)).toList()) {
                    Manifest.Table r = restored.stream().filter(x -> x.name().equals(t.name())).findFirst().orElse(null);
                    if (r == null) {
                        problems.add("table " + t.displayName() + " is missing after the restore");
                    } else if (!columns(r).equals(columns(t))) {
                        problems.add("table " + t.displayName() + " has columns " + columns(r) + " after the restore, "
                                + "the backup says " + columns(t));
                    }
                }
            }
            if (m.schemaDump() != null && m.schemaDump().objects() != null) {
                // catalog access: each engine's schema dump reads its own catalog
                List<Manifest.ObjectDdl> now = db.engine().family() == Engine.MARIADB ? MariaDbSchemaDump.read(c)
                        : SqliteSchemaDump.read(c);
                TreeSet<String> want = definitions(m.schemaDump().objects());
                TreeSet<String> have = definitions(now);
                for (String w : want) {
                    if (!have.contains(w)) {
                        problems.add("after the restore, " + w.substring(0, w.indexOf('\n'))
                                + " differs from the backup or is missing");
                    }
                }
            }
            return null;
        });
    }

    private static List<String> columns(Manifest.Table t) {
        return t.columns().stream().map(c -> c.name() + " " + c.nativeType()).toList();
    }

    /** "kind name\nsql", without definers (another server may run the restore as another user). */
    private static TreeSet<String> definitions(List<Manifest.ObjectDdl> objects) {
        TreeSet<String> out = new TreeSet<>();
        for (Manifest.ObjectDdl o : objects) {
            out.add(o.kind().toLowerCase(java.util.Locale.ROOT) + " " + o.name() + "\n"
                    + o.sql().replaceAll(" DEFINER=`[^`]*`@`[^`]*`", ""));
        }
        return out;
    }

    private static void compare(Database db, Manifest m, Manifest.Table t, List<String> problems) {
        Dialect d = db.dialect();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < t.columns().size(); i++) {
            d.quoteExistingInto(sql.append(i == 0 ? "" : ", "), t.columns().get(i).name());
        }
        boolean same = sameFamily(db.engine(), m);
        sql.append(" FROM ").append(Ddl.ref(d, same ? t.schema() : null, t.name()));
        List<PortableType> types = t.types();
        TableDigest digest = new TableDigest(types);
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    Object[] row = new Object[types.size()];
                    while (rs.next()) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = Values.read(rs, i + 1, types.get(i), db.engine());
                        }
                        digest.add(row);
                    }
                }
            }
            return null;
        });
        if (digest.rows() != t.rows() || !digest.value().equals(t.checksum())) {
            problems.add("table " + t.displayName() + " reads back from " + db.engine().displayName() + " as "
                    + digest.rows() + " rows with checksum " + digest.value() + ", the manifest says " + t.rows()
                    + " rows, " + t.checksum());
        }
    }

    /** Removes what the restore created from a scratch database given by URL, so it can be used again. */
    private static void drop(Database db, Manifest m) {
        Dialect d = db.dialect();
        boolean same = sameFamily(db.engine(), m);
        db.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                // engine SQL: MariaDB's FOREIGN_KEY_CHECKS switch and PostgreSQL's DROP … CASCADE clear dependents
                Engine e = db.engine().family();
                if (e == Engine.MARIADB) {
                    s.execute("SET FOREIGN_KEY_CHECKS = 0");
                }
                if (same && m.schemaDump() != null && m.schemaDump().objects() != null) {
                    for (Manifest.ObjectDdl o : m.schemaDump().objects()) {
                        if (!o.kind().equals("TABLE") && !o.kind().equals("INDEX")) {
                            quietly(s, "DROP " + o.kind() + " IF EXISTS " + d.quoteExisting(o.name()));
                        }
                    }
                }
                for (NativeObject o : same ? m.nativeObjects() : List.<NativeObject>of()) {
                    if (o.kind() == NativeObject.Kind.VIEW) {
                        quietly(s, "DROP VIEW IF EXISTS " + d.quoteExisting(o.name()) + (e == Engine.POSTGRESQL ? " CASCADE" : ""));
                    }
                }
                for (Manifest.Table t : m.tables()) {
                    s.execute("DROP TABLE IF EXISTS " + Ddl.ref(d, same ? t.schema() : null, t.name())
                            + (e == Engine.POSTGRESQL ? " CASCADE" : ""));
                }
                for (NativeObject o : same ? m.nativeObjects() : List.<NativeObject>of()) {
                    if (o.kind() == NativeObject.Kind.FUNCTION) {
                        quietly(s, "DROP FUNCTION IF EXISTS " + d.quoteExisting(o.name()));
                    }
                }
                if (e == Engine.MARIADB) {
                    s.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
            }
            return null;
        });
    }

    /**
     * Whether {@code target} speaks the backup's dialect, so its schema-qualified names and engine schema dump
     * apply as they are. This compares two engines rather than branching on one.
     */
    private static boolean sameFamily(Engine target, Manifest m) {
        return target.family() == Engine.forScheme(m.engine()).family();
    }

    private static void quietly(Statement s, String sql) {
        try {
            s.execute(sql);
        } catch (SQLException ignored) {
            // best effort: what cannot be dropped here does not affect the verdict
        }
    }
}
