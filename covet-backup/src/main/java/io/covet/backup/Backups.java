package io.covet.backup;

import io.covet.backup.BackupException.Reason;
import io.covet.backup.internal.ChunkCodec;
import io.covet.backup.internal.ChunkReader;
import io.covet.backup.internal.Creator;
import io.covet.backup.internal.Dumper;
import io.covet.backup.internal.Manifest;
import io.covet.backup.internal.PgCatalogDump;
import io.covet.backup.internal.Restorer;
import io.covet.backup.internal.Storage;
import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.core.error.UnsupportedFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Logical backups of PostgreSQL, MariaDB and SQLite: {@link #create}, {@link #list}, {@link #verify} and
 * {@link #restore}. Thread-safe (stateless).
 *
 * <pre>{@code
 * try (BackupRepository repo = BackupRepository.open("/var/backups/shop")) {
 *     BackupKey key = BackupKey.fromFile(Path.of("/etc/covet/backup.key"));
 *     BackupInfo b = Backups.create(db, repo, BackupOptions.builder().key(key).build());
 *     Backups.verify(repo, b.id(), key, VerifyReport.Mode.FAST);
 *     Backups.restore(repo, b.id(), key, emptyDb, false);
 * }
 * }</pre>
 */
public final class Backups {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Backups() {
    }

    /**
     * Takes a consistent backup of every table in {@code db}'s current schema/database while writes go on, and
     * stores it in {@code repo}. The manifest is stored last, so an interrupted backup never looks complete.
     *
     * @return the new backup; its id is what {@link #restore} takes
     * @throws UnsupportedFeature when {@code jobs > 1} on an engine without exportable snapshots (MariaDB, SQLite), or
     *                            {@link BackupOptions#fromReplica()} on MariaDB or SQLite
     * @throws BackupException    (STORAGE) when the repository cannot be written
     */
    public static BackupInfo create(Database db, BackupRepository repo, BackupOptions options) {
        if (options.fromReplica()) {
            try (Database replica = io.covet.backup.internal.FromReplica.open(db, options.jobs() + 1)) {
                return createOn(replica, repo, options);
            }
        }
        return createOn(db, repo, options);
    }

    private static BackupInfo createOn(Database db, BackupRepository repo, BackupOptions options) {
        if (options.jobs() > 1 && !db.supports(Feature.EXPORTED_SNAPSHOTS)) {
            throw new UnsupportedFeature(db.engine(), "parallel backup (--jobs " + options.jobs() + ")",
                    "Only PostgreSQL can share one snapshot between connections; use --jobs 1.");
        }
        Instant now = Instant.now();
        String id = ID_TIME.format(now) + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(2));
        byte[] key = options.key() == null ? null : options.key().bytes();
        ChunkCodec codec = new ChunkCodec(key, options.compressionLevel());
        Manifest header = new Manifest(Manifest.FORMAT, id, now.toString(), null, null, covetVersion(), null,
                new Manifest.Compression("zstd", options.compressionLevel()),
                key == null ? null : new Manifest.Encryption("AES-256-GCM", 12, 128, "<backup id>/<chunk name>",
                        ChunkCodec.keyCheck(key)), List.of(), List.of());
        Storage storage = repo.storage();
        Creator creator = new Creator(storage, codec, options.chunkBytes(), options.jobs(),
                (t, i, n, rows) -> options.listener().progress(t, i, n, rows), options.schemas(),
                switch (options.schemaSource()) {
                    case NATIVE_TOOL -> Creator.SchemaFrom.NATIVE_TOOL;
                    case CATALOG -> Creator.SchemaFrom.CATALOG;
                    case PORTABLE -> Creator.SchemaFrom.PORTABLE;
                }, options.skip());
        Manifest m;
        try {
            m = creator.dump(db, id, header);
            byte[] json = m.toJson();
            storage.put(Dumper.object(id, "manifest.json"), json);
            storage.put(Dumper.object(id, "manifest.sig"), signature(json, key).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(storage, id);
            throw new BackupException(Reason.STORAGE, "backup " + id + " could not be stored in " + repo.location()
                    + ": " + e.getMessage() + "; nothing usable was left behind", e);
        } catch (RuntimeException e) {
            deleteQuietly(storage, id);
            throw e;
        }
        return info(m, true);
    }

    /** The backups in a repository, oldest first; interrupted ones are listed with {@code complete = false}. */
    public static List<BackupInfo> list(BackupRepository repo) {
        Storage storage = repo.storage();
        Map<String, Boolean> ids = new LinkedHashMap<>();
        try {
            for (String name : storage.list("backups/")) {
                String[] parts = name.split("/");
                if (parts.length >= 3) {
                    ids.merge(parts[1], name.endsWith("/manifest.sig") && parts.length == 3, Boolean::logicalOr);
                }
            }
            List<BackupInfo> out = new ArrayList<>();
            for (Map.Entry<String, Boolean> e : ids.entrySet()) {
                if (e.getValue()) {
                    out.add(info(Manifest.fromJson(storage.get(Dumper.object(e.getKey(), "manifest.json"))), true));
                } else {
                    out.add(new BackupInfo(e.getKey(), null, null, null, List.of(), 0, 0, false, false));
                }
            }
            return out;
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot list " + repo.location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a backup. Never throws for a damaged backup: the report says what is wrong.
     *
     * @param key        the key, or null for an unencrypted backup
     * @param scratchUrl for {@link VerifyReport.Mode#RESTORE}: an empty database of the backup's engine to restore
     *                   into (what the restore created is dropped afterwards); null for a temporary SQLite file
     *                   when the backup is of SQLite, and no restore otherwise ({@link VerifyReport#restored()}
     *                   false: the report must then not be read as a tested restore)
     * @throws BackupException (NOT_FOUND, KEY_REQUIRED, WRONG_KEY, STORAGE) when verification cannot start
     */
    public static VerifyReport verify(BackupRepository repo, String id, BackupKey key, VerifyReport.Mode mode,
                                      String scratchUrl) {
        return verify(repo, id, key, mode, scratchUrl, null, NO_PROGRESS);
    }

    /**
     * {@link #verify(BackupRepository, String, BackupKey, VerifyReport.Mode, String)}, reporting to
     * {@code progress} (on the calling thread) each table once its chunks are checked, with the rows decoded.
     */
    public static VerifyReport verify(BackupRepository repo, String id, BackupKey key, VerifyReport.Mode mode,
                                      String scratchUrl, BackupOptions.ProgressListener progress) {
        return verify(repo, id, key, mode, scratchUrl, null, progress);
    }

    private static final BackupOptions.ProgressListener NO_PROGRESS = (t, i, n, rows) -> { };

    private static VerifyReport verify(BackupRepository repo, String id, BackupKey key, VerifyReport.Mode mode,
                                       String scratchUrl, Database server, BackupOptions.ProgressListener progress) {
        Manifest m;
        try {
            m = load(repo, id, key);
        } catch (BackupException e) {
            if (e.reason() == Reason.CORRUPT) {
                return new VerifyReport(id, mode, false, 0, 0, List.of(e.getMessage()));
            }
            throw e;
        }
        ChunkCodec codec = new ChunkCodec(key == null ? null : key.bytes(), 3);
        List<String> problems = new ArrayList<>();
        long rows = 0;
        int index = 0;
        for (Manifest.Table t : m.tables()) {
            ChunkReader r = new ChunkReader(repo.storage(), codec, id, t, m.columnar());
            try {
                while (r.hasNext()) {
                    r.next();
                }
                if (r.digest().rows() != t.rows() || !r.digest().value().equals(t.checksum())) {
                    problems.add("table " + t.name() + " decodes to " + r.digest().rows() + " rows with checksum "
                            + r.digest().value() + ", the manifest says " + t.rows() + " rows, " + t.checksum());
                }
            } catch (ChunkCodec.CorruptChunk | ChunkReader.MissingChunk e) {
                problems.add(e.getMessage());
            }
            rows += r.digest().rows();
            progress.progress(t.displayName(), index++, m.tables().size(), r.digest().rows());
        }
        String into = null;
        String notRestored = null;
        if (problems.isEmpty() && mode == VerifyReport.Mode.RESTORE) {
            Verifier.Outcome o = server != null && scratchUrl == null
                    ? Verifier.restoreIntoTemporary(repo, m, codec, server)
                    : Verifier.restoreAndCompare(repo, m, codec, scratchUrl);
            into = o.into();
            if (into != null) {
                problems.addAll(o.problems());
            } else {
                notRestored = o.problems().isEmpty() ? "no scratch database of the backup's engine was given"
                        : o.problems().get(0);
            }
        }
        return new VerifyReport(id, mode, problems.isEmpty(), m.tables().size(), rows, List.copyOf(problems),
                into != null, into, notRestored);
    }

    /**
     * Verifies a backup by restoring it into a temporary database Covet creates on {@code server}'s server
     * ({@code __covet_verify_} and random hex) and drops afterwards — also when the restore fails and at shutdown
     * (Ctrl-C) — (PostgreSQL, MariaDB; a temporary file for SQLite), comparing tables, columns, the engine's own
     * object definitions, rows and checksums. When the temporary database cannot be created (no privilege) or the
     * server is of another engine than the backup, the report says it was not restored
     * ({@link VerifyReport#restored()} false, {@link VerifyReport#notRestored()} why) and only the chunks were
     * checked.
     */
    public static VerifyReport verifyByRestore(BackupRepository repo, String id, BackupKey key, Database server) {
        return verify(repo, id, key, VerifyReport.Mode.RESTORE, null, server, NO_PROGRESS);
    }

    /**
     * {@link #verifyByRestore(BackupRepository, String, BackupKey, Database)}, reporting each table to
     * {@code progress} as {@link #verify(BackupRepository, String, BackupKey, VerifyReport.Mode, String,
     * BackupOptions.ProgressListener)} does.
     */
    public static VerifyReport verifyByRestore(BackupRepository repo, String id, BackupKey key, Database server,
                                               BackupOptions.ProgressListener progress) {
        return verify(repo, id, key, VerifyReport.Mode.RESTORE, null, server, progress);
    }

    /** {@link #verify(BackupRepository, String, BackupKey, VerifyReport.Mode, String)} into a temporary SQLite file. */
    public static VerifyReport verify(BackupRepository repo, String id, BackupKey key, VerifyReport.Mode mode) {
        return verify(repo, id, key, mode, null);
    }

    /**
     * Restores a backup into {@code target}, which may be of another engine than the source. All or nothing:
     * when this throws, the target is as it was.
     *
     * @param clean replace the backup's tables when the target already has tables; without it a non-empty
     *              target is refused
     * @throws BackupException NOT_FOUND, KEY_REQUIRED, WRONG_KEY, CORRUPT (the backup is damaged), TARGET_NOT_EMPTY
     */
    public static RestoreReport restore(BackupRepository repo, String id, BackupKey key, Database target, boolean clean) {
        return restore(repo, id, key, target, clean, s -> { });
    }

    /** {@link #restore(BackupRepository, String, BackupKey, Database, boolean)} reporting each table to {@code log}. */
    public static RestoreReport restore(BackupRepository repo, String id, BackupKey key, Database target, boolean clean,
                                        Consumer<String> log) {
        return restore(repo, id, key, target, RestoreOptions.builder().clean(clean).log(log).build());
    }

    /**
     * Restores a backup into {@code target}, all or nothing, in this order: tables, rows, primary keys and
     * indexes, check constraints, foreign keys, expression indexes, views, trigger functions, triggers, sequence
     * and auto-increment positions (on MariaDB the counters come before the views and triggers, which can only be
     * created once the tables are in place). Into the backup's own engine everything is recreated exactly; into
     * another engine, whatever is written in the source engine's SQL is refused unless
     * {@link RestoreOptions#skipNativeObjects()}.
     *
     * @throws BackupException     NOT_FOUND, KEY_REQUIRED, WRONG_KEY, CORRUPT (the backup is damaged),
     *                             TARGET_NOT_EMPTY, INVALID (a manifest format this Covet cannot read)
     * @throws UnsupportedFeature  the backup has views, triggers, checks, partial or expression indexes, the target
     *                             is another engine and {@code skipNativeObjects} is off; nothing was changed
     */
    public static RestoreReport restore(BackupRepository repo, String id, BackupKey key, Database target,
                                        RestoreOptions options) {
        Manifest m = load(repo, id, key);
        ChunkCodec codec = new ChunkCodec(key == null ? null : key.bytes(), 3);
        Restorer restorer = new Restorer(repo.storage(), codec, m, options.log(),
                target.supports(Feature.LOAD_DATA_LOCAL));
        try {
            Restorer.Result r = target.withConnection(c -> restorer.restore(c, target.engine(), options.clean(),
                    options.skipNativeObjects()));
            return new RestoreReport(id, r.tables(), r.rows(), r.warnings());
        } catch (Restorer.NotEmpty e) {
            throw new BackupException(Reason.TARGET_NOT_EMPTY, "restore of " + id + " refused: " + e.getMessage());
        } catch (ChunkCodec.CorruptChunk | ChunkReader.MissingChunk | Restorer.Mismatch e) {
            throw new BackupException(Reason.CORRUPT, "backup " + id + " is damaged: " + e.getMessage()
                    + "; nothing was restored. Restore an older backup (`covet backup list`).", e);
        } catch (UncheckedIOException e) {
            throw new BackupException(Reason.STORAGE, "cannot read backup " + id + " from " + repo.location() + ": "
                    + e.getMessage() + "; nothing was restored", e);
        }
    }

    /**
     * Deletes the backups {@code policy} does not keep. The newest complete backup is never deleted.
     *
     * @param dryRun report what would be deleted without deleting
     */
    public static PruneReport prune(BackupRepository repo, RetentionPolicy policy, boolean dryRun) {
        List<BackupInfo> all = list(repo);
        java.util.Set<String> keep = policy.keep(all, Instant.now());
        List<String> kept = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            String id = all.get(i).id();
            (keep.contains(id) ? kept : deleted).add(id);
        }
        if (!dryRun) {
            for (String id : deleted) {
                deleteQuietly(repo.storage(), id);
            }
        }
        return new PruneReport(kept, deleted, dryRun);
    }

    /**
     * Reads and authenticates a manifest: with a key, an HMAC under a key derived from it; without, a SHA-256.
     */
    static Manifest load(BackupRepository repo, String id, BackupKey key) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new BackupException(Reason.INVALID, "'" + id + "' is not a backup id; `covet backup list` shows them");
        }
        Storage storage = repo.storage();
        byte[] json;
        String sig;
        try {
            json = storage.get(Dumper.object(id, "manifest.json"));
            sig = new String(storage.get(Dumper.object(id, "manifest.sig")), java.nio.charset.StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            boolean partial;
            try {
                partial = !storage.list("backups/" + id + "/").isEmpty();
            } catch (IOException io) {
                partial = false;
            }
            if (partial) {
                throw new BackupException(Reason.CORRUPT, "backup " + id + " in " + repo.location()
                        + " is incomplete (its manifest is missing): it was interrupted or damaged");
            }
            throw new BackupException(Reason.NOT_FOUND, "no backup '" + id + "' in " + repo.location()
                    + "; `covet backup list` shows the ids there");
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot read backup " + id + " from " + repo.location() + ": "
                    + e.getMessage(), e);
        }
        Manifest m;
        try {
            m = Manifest.fromJson(json);
        } catch (IOException e) {
            throw new BackupException(Reason.CORRUPT, "the manifest of backup " + id + " is not valid JSON: it was "
                    + "altered or truncated");
        }
        byte[] k = null;
        if (m.encryption() != null) {
            if (key == null) {
                throw new BackupException(Reason.KEY_REQUIRED, "backup " + id + " is encrypted: give its key with "
                        + "--key-file FILE or " + BackupKey.ENVIRONMENT_VARIABLE);
            }
            k = key.bytes();
            if (!ChunkCodec.keyCheck(k).equals(m.encryption().keyCheck())) {
                throw new BackupException(Reason.WRONG_KEY, "the key given is not the one backup " + id
                        + " was encrypted with; nothing was read. Use the key file it was created with.");
            }
        }
        if (!java.security.MessageDigest.isEqual(signature(json, k).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                sig.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new BackupException(Reason.CORRUPT, "the manifest of backup " + id + " fails its "
                    + (k == null ? "SHA-256" : "HMAC") + " check: it was altered");
        }
        if (!id.equals(m.id())) {
            throw new BackupException(Reason.CORRUPT, "the manifest of backup " + id + " names backup " + m.id()
                    + ": it was moved or altered");
        }
        if (!Manifest.READABLE.contains(m.format())) {
            throw new BackupException(Reason.INVALID, "backup " + id + " has format " + m.format() + ", which this "
                    + "Covet (" + covetVersion() + ") cannot read; it reads "
                    + String.join(", ", Manifest.READABLE.subList(0, Manifest.READABLE.size() - 1)) + " and "
                    + Manifest.READABLE.get(Manifest.READABLE.size() - 1)
                    + ". Use the Covet version that wrote it (" + m.covetVersion() + ") or newer.");
        }
        return m;
    }

    static String signature(byte[] json, byte[] key) {
        return key == null ? "sha256:" + ChunkCodec.sha256(json)
                : "hmac-sha256:" + HexFormat.of().formatHex(ChunkCodec.mac(key, "manifest", json));
    }

    static BackupInfo info(Manifest m, boolean complete) {
        return new BackupInfo(m.id(), Instant.parse(m.createdAt()), m.engine(), m.serverVersion(),
                m.tables().stream().map(Manifest.Table::displayName).toList(), m.totalRows(), m.storedBytes(),
                m.encryption() != null, complete, m.schemaDump() == null ? m.notCarried()
                : m.notCarried().stream().filter(n -> n.contains("(left out on request)")
                        || n.contains("(must exist in the target") || PgCatalogDump.isCatalogNote(n)).toList());
    }

    /** Removes every object of a backup; used after a failed create and by prune. */
    static void deleteQuietly(Storage storage, String id) {
        try {
            List<String> names = storage.list("backups/" + id + "/");
            // the manifest goes first, so a half-deleted backup is never taken for a complete one
            names.sort((a, b) -> Boolean.compare(!a.contains("manifest"), !b.contains("manifest")));
            for (String n : names) {
                storage.delete(n);
            }
        } catch (IOException ignored) {
            // best effort: the backup has no manifest, so it is listed as incomplete and prune removes it later
        }
    }

    /** The Covet version, recorded in manifests. */
    static String covetVersion() {
        try (InputStream in = Backups.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
