package io.covet.backup;

import io.covet.backup.BackupException.Reason;
import io.covet.backup.internal.ChunkCodec;
import io.covet.backup.internal.Cleanup;
import io.covet.backup.internal.Manifest;
import io.covet.backup.internal.Storage;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Physical backups of SQLite: a page-level copy made with SQLite's online backup API (xerial's
 * {@code backup to} statement), so the file is consistent while other connections write, then stored compressed
 * and encrypted in 4 MiB chunks under {@code physical/<id>/}. Restoring writes the exact database file back.
 */
public final class SqlitePhysical {
    private static final int PIECE = 4 << 20;

    private SqlitePhysical() {
    }

    /**
     * Copies the database with the online backup API and stores the copy.
     *
     * @return the physical backup id
     * @throws UnsupportedFeature on engines other than SQLite
     */
    public static String backup(Database db, BackupRepository repo, BackupKey key) {
        // engine fact: this copies SQLite's database file through its online-backup API
        if (db.engine() != Engine.SQLITE) {
            throw new UnsupportedFeature(db.engine(), "a physical file backup",
                    "Use a logical backup (Backups.create), or PostgreSQL's base backups (Pitr.baseBackup).");
        }
        String id = "sqlite-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now()) + "-"
                + java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(2));
        Storage s = repo.storage();
        Path copy = null;
        Cleanup temp = null;
        try {
            copy = Files.createTempFile("covet-sqlite-", ".db");
            temp = Cleanup.sqlite(copy);
            String target = copy.toString();
            if (target.contains("'") || target.contains("\"")) {
                throw new IllegalStateException("temporary path " + target + " cannot be quoted");
            }
            db.withConnection(c -> {
                try (var st = c.createStatement()) {
                    // xerial's statement for sqlite3_backup: copies page by page, consistent under concurrent writes
                    st.executeUpdate("backup to " + target);
                }
                return null;
            });
            byte[] k = key == null ? null : key.bytes();
            ChunkCodec codec = new ChunkCodec(k, 3);
            List<Manifest.Chunk> chunks = new ArrayList<>();
            try (InputStream in = Files.newInputStream(copy)) {
                byte[] piece;
                while ((piece = in.readNBytes(PIECE)).length > 0) {
                    String name = String.format(Locale.ROOT, "data/%06d.chunk", chunks.size());
                    byte[] sealed = codec.seal(piece, piece.length, id + "/" + name);
                    s.put("physical/" + id + "/" + name, sealed);
                    chunks.add(new Manifest.Chunk(name, 0, piece.length, sealed.length, ChunkCodec.sha256(sealed)));
                }
            }
            BaseManifest m = new BaseManifest("covet-sqlite-physical/1", id, Instant.now().toString(), null, null,
                    k == null ? null : ChunkCodec.keyCheck(k), chunks);
            byte[] json = BaseManifest.JSON.writeValueAsBytes(m);
            s.put("physical/" + id + "/manifest.json", json);
            s.put("physical/" + id + "/manifest.sig", Backups.signature(json, k).getBytes(StandardCharsets.US_ASCII));
            return id;
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "SQLite physical backup failed: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                temp.close();
            }
        }
    }

    /**
     * Writes a physical backup to {@code file}, which must not exist. The file appears only once every chunk
     * was checked and decrypted.
     */
    public static void restore(BackupRepository repo, String id, BackupKey key, Path file) {
        if (Files.exists(file)) {
            throw new BackupException(Reason.TARGET_NOT_EMPTY, file + " already exists; restore to a new file");
        }
        BaseManifest m = BaseManifest.load(repo, "physical", id, key);
        ChunkCodec codec = new ChunkCodec(key == null ? null : key.bytes(), 3);
        Path tmp = file.resolveSibling(file.getFileName() + ".covet-restore");
        try (Cleanup temp = Cleanup.of(tmp)) {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                for (Manifest.Chunk c : m.chunks()) {
                    byte[] stored = repo.storage().get("physical/" + id + "/" + c.name());
                    if (!ChunkCodec.sha256(stored).equals(c.sha256())) {
                        throw new BackupException(Reason.CORRUPT, "chunk " + c.name() + " of " + id
                                + " does not match its SHA-256: it was altered or truncated; nothing was restored");
                    }
                    out.write(codec.open(stored, c.plainBytes(), id + "/" + c.name()));
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (ChunkCodec.CorruptChunk e) {
            throw new BackupException(Reason.CORRUPT, id + " is damaged: " + e.getMessage() + "; nothing was restored");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BackupException(Reason.CORRUPT, "a chunk of " + id + " is missing; nothing was restored");
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot restore " + id + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
