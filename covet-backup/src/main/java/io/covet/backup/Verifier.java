package io.covet.backup;

import io.covet.backup.internal.ChunkCodec;
import io.covet.backup.internal.ChunkReader;
import io.covet.backup.internal.Ddl;
import io.covet.backup.internal.Manifest;
import io.covet.backup.internal.PortableType;
import io.covet.backup.internal.Restorer;
import io.covet.backup.internal.TableDigest;
import io.covet.backup.internal.Values;
import io.covet.core.Database;
import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Engine;
import io.covet.schema.NativeObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The restore half of {@link VerifyReport.Mode#RESTORE}: restore into scratch, read back, compare. */
final class Verifier {
    private Verifier() {
    }

    static List<String> restoreAndCompare(BackupRepository repo, Manifest m, ChunkCodec codec, String scratchUrl) {
        List<String> problems = new ArrayList<>();
        Path temp = null;
        String url = scratchUrl;
        try {
            if (url == null) {
                temp = Files.createTempFile("covet-verify-", ".db");
                url = "sqlite:" + temp;
            }
            try (Database scratch = Database.open(url)) {
                Engine engine = scratch.engine();
                try {
                    scratch.withConnection(c -> new Restorer(repo.storage(), codec, m, s -> { })
                            .restore(c, engine, false, true));
                    for (Manifest.Table t : m.tables()) {
                        compare(scratch, m, t, problems);
                    }
                } catch (Restorer.NotEmpty e) {
                    problems.add("the scratch database is not empty: " + e.getMessage());
                    return problems;
                } catch (ChunkCodec.CorruptChunk | ChunkReader.MissingChunk | Restorer.Mismatch e) {
                    problems.add(e.getMessage());
                } catch (RuntimeException e) {
                    problems.add("restoring into " + engine.displayName() + " failed: " + e.getMessage());
                } finally {
                    if (scratchUrl != null) {
                        drop(scratch, m);
                    }
                }
            }
        } catch (IOException e) {
            problems.add("cannot create a scratch SQLite file: " + e.getMessage());
        } finally {
            if (temp != null) {
                for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                    try {
                        Files.deleteIfExists(Path.of(temp + suffix));
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless
                    }
                }
            }
        }
        return problems;
    }

    private static void compare(Database db, Manifest m, Manifest.Table t, List<String> problems) {
        Dialect d = db.dialect();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < t.columns().size(); i++) {
            d.quoteExistingInto(sql.append(i == 0 ? "" : ", "), t.columns().get(i).name());
        }
        boolean same = db.engine().family() == Engine.forScheme(m.engine()).family();
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

    private static void drop(Database db, Manifest m) {
        Dialect d = db.dialect();
        db.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                if (db.engine().family() == Engine.MARIADB) {
                    s.execute("SET FOREIGN_KEY_CHECKS = 0");
                }
                boolean same = db.engine().family() == Engine.forScheme(m.engine()).family();
                for (NativeObject o : same ? m.nativeObjects() : List.<NativeObject>of()) {
                    if (o.kind() == NativeObject.Kind.VIEW) {
                        s.execute("DROP VIEW IF EXISTS " + d.quoteExisting(o.name()));
                    }
                }
                for (Manifest.Table t : m.tables()) {
                    s.execute("DROP TABLE IF EXISTS " + Ddl.ref(d, same ? t.schema() : null, t.name())
                            + (db.engine().family() == Engine.POSTGRESQL ? " CASCADE" : ""));
                }
                for (NativeObject o : same ? m.nativeObjects() : List.<NativeObject>of()) {
                    if (o.kind() == NativeObject.Kind.FUNCTION) {
                        s.execute("DROP FUNCTION IF EXISTS " + d.quoteExisting(o.name()));
                    }
                }
                if (db.engine().family() == Engine.MARIADB) {
                    s.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
            }
            return null;
        });
    }
}
