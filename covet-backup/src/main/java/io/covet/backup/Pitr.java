package io.covet.backup;

import io.covet.backup.BackupException.Reason;
import io.covet.backup.internal.ChunkCodec;
import io.covet.backup.internal.Cleanup;
import io.covet.backup.internal.Manifest;
import io.covet.backup.internal.Storage;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL point-in-time recovery with Covet's own archiver: {@link #walPush} is PostgreSQL's
 * {@code archive_command} and {@link #walFetch} its {@code restore_command}; {@link #baseBackup} streams
 * {@code pg_basebackup} into the repository; {@link #restore} unpacks a base backup and configures recovery to a
 * target time. WAL files and base backups are compressed and encrypted like logical backups, in the same
 * repository ({@code wal/…}, {@code base/<id>/…}).
 */
public final class Pitr {
    private static final Pattern WAL_NAME = Pattern.compile("[0-9A-F]{24}(\\.partial|\\.[0-9A-F]{8}\\.backup)?|[0-9A-F]{8}\\.history");
    /** In backup_label, the first file of the tar stream pg_basebackup sends. */
    private static final Pattern START = Pattern.compile("START WAL LOCATION: ([0-9A-F]+/[0-9A-F]+) \\(file ([0-9A-F]{24})\\)");
    private static final int PIECE = 4 << 20;

    private Pitr() {
    }

    /**
     * Archives one WAL file ({@code archive_command = '… wal-push %p %f'}). Returns only once the file is durably
     * stored; never overwrites: if the name is already archived with the same content it succeeds (PostgreSQL may
     * retry after a crash), with different content it fails.
     *
     * @throws BackupException (INVALID) for a name that is not a WAL file name, (CORRUPT) when a different file of
     *                         that name is archived, (STORAGE) when it cannot be stored
     */
    public static void walPush(BackupRepository repo, BackupKey key, Path file, String name) {
        checkName(name);
        byte[] plain;
        try {
            plain = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BackupException(Reason.INVALID, "cannot read WAL file " + file + ": " + e);
        }
        Storage s = repo.storage();
        String object = "wal/" + name;
        ChunkCodec codec = codec(key);
        byte[] sealed = codec.seal(plain, plain.length, aad(name, plain.length));
        byte[] stored = header(plain.length, sealed);
        try {
            s.put(object, stored);
        } catch (FileAlreadyExistsException e) {
            byte[] existing = fetch(repo, key, name);
            if (existing == null || !java.util.Arrays.equals(existing, plain)) {
                throw new BackupException(Reason.CORRUPT, "WAL file " + name + " is already archived in "
                        + repo.location() + " with different content; refusing to overwrite it. Two clusters may be "
                        + "archiving into the same repository.");
            }
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot archive WAL file " + name + " in " + repo.location()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores one archived WAL file to {@code dest} ({@code restore_command = '… wal-fetch %f %p'}).
     *
     * @return false when the file is not archived (normal at the end of recovery)
     * @throws BackupException (CORRUPT or WRONG_KEY) when it fails authentication
     */
    public static boolean walFetch(BackupRepository repo, BackupKey key, String name, Path dest) {
        checkName(name);
        byte[] plain = fetch(repo, key, name);
        if (plain == null) {
            return false;
        }
        try {
            Path tmp = dest.resolveSibling(dest.getFileName() + ".covet-tmp");
            try (Cleanup temp = Cleanup.of(tmp)) {
                Files.write(tmp, plain);
                Files.move(tmp, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot write WAL file " + name + " to " + dest + ": " + e, e);
        }
        return true;
    }

    private static byte[] fetch(BackupRepository repo, BackupKey key, String name) {
        byte[] stored;
        try {
            stored = repo.storage().get("wal/" + name);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot read WAL file " + name + " from " + repo.location()
                    + ": " + e.getMessage(), e);
        }
        if (stored.length < 4) {
            throw new BackupException(Reason.CORRUPT, "archived WAL file " + name + " is truncated");
        }
        int length = ((stored[0] & 0xff) << 24) | ((stored[1] & 0xff) << 16) | ((stored[2] & 0xff) << 8) | (stored[3] & 0xff);
        try {
            return codec(key).open(java.util.Arrays.copyOfRange(stored, 4, stored.length), length, aad(name, length));
        } catch (ChunkCodec.CorruptChunk e) {
            throw new BackupException(Reason.CORRUPT, "archived WAL file " + name + " cannot be read: "
                    + e.getMessage());
        }
    }

    /**
     * Takes a base backup of a PostgreSQL server by streaming {@code pg_basebackup -Ft -X none} (WAL comes from
     * the archive) into chunks.
     *
     * @param pgBin the directory holding {@code pg_basebackup}
     * @return the base backup id
     */
    public static String baseBackup(BackupRepository repo, BackupKey key, String databaseUrl, Path pgBin) {
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        // engine fact: point-in-time recovery is built on PostgreSQL's WAL archive and base backups
        if (url.engine().family() != Engine.POSTGRESQL) {
            throw new io.covet.core.error.UnsupportedFeature(url.engine(), "point-in-time recovery",
                    "Use logical backups (covet backup create) on this engine.");
        }
        String id = "base-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        List<String> cmd = new ArrayList<>(List.of(pgBin.resolve("pg_basebackup").toString(), "-h",
                url.host().orElse("127.0.0.1"), "-p", String.valueOf(url.port()), "-D", "-", "-Ft", "-X", "none",
                "--checkpoint=fast", "-v", "--no-manifest"));
        url.user().ifPresent(u -> cmd.addAll(List.of("-U", u)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        url.password().ifPresent(p -> pb.environment().put("PGPASSWORD", p));
        ChunkCodec codec = codec(key);
        Storage s = repo.storage();
        List<Manifest.Chunk> chunks = new ArrayList<>();
        String stderr;
        String label = null;
        int rc;
        try {
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (InputStream in = p.getInputStream()) {
                byte[] piece;
                while ((piece = in.readNBytes(PIECE)).length > 0) {
                    if (label == null) {
                        label = new String(piece, 0, Math.min(piece.length, 1 << 16), StandardCharsets.ISO_8859_1);
                    }
                    String name = String.format(Locale.ROOT, "data/%06d.chunk", chunks.size());
                    byte[] sealed = codec.seal(piece, piece.length, id + "/" + name);
                    s.put("base/" + id + "/" + name, sealed);
                    chunks.add(new Manifest.Chunk(name, 0, piece.length, sealed.length, ChunkCodec.sha256(sealed)));
                }
            }
            rc = p.waitFor();
            stderr = err.join();
        } catch (IOException e) {
            deleteBase(s, id);
            throw new BackupException(Reason.STORAGE, "base backup failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(Reason.STORAGE, "interrupted during the base backup");
        }
        Matcher m = START.matcher(label == null ? "" : label);
        if (rc != 0 || !m.find()) {
            deleteBase(s, id);
            throw new BackupException(Reason.STORAGE, "pg_basebackup failed (exit " + rc + "): "
                    + String.join(" | ", stderr.strip().lines().toList()));
        }
        String startWal = m.group(2);
        byte[] k = key == null ? null : key.bytes();
        BaseManifest bm = new BaseManifest("covet-pitr-base/1", id, Instant.now().toString(), startWal,
                m.group(1), key == null ? null : ChunkCodec.keyCheck(k), chunks);
        try {
            byte[] json = BaseManifest.JSON.writeValueAsBytes(bm);
            s.put("base/" + id + "/manifest.json", json);
            s.put("base/" + id + "/manifest.sig", Backups.signature(json, k).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot store the base backup manifest: " + e.getMessage(), e);
        }
        return id;
    }

    /** The base backups in a repository, oldest first. */
    public static List<String> baseBackups(BackupRepository repo) {
        try {
            return repo.storage().list("base/").stream().filter(n -> n.endsWith("/manifest.sig"))
                    .map(n -> n.split("/")[1]).sorted().toList();
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot list " + repo.location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Unpacks a base backup into an empty data directory and configures recovery: {@code recovery.signal},
     * {@code restore_command} and the recovery target (time, LSN or transaction id) with promotion at the target.
     * Start PostgreSQL on the directory (as its owner) to replay the archived WAL.
     *
     * <p>The directory must not exist or be empty; it is created with mode 0700 (0750 when the backed-up cluster
     * was initialised with group access), so PostgreSQL accepts it. It is owned by the user running the restore;
     * when that is root, the directory and the files Covet writes are given to the owner of the unpacked files,
     * which tar, as root, sets to the cluster owner recorded in the base backup. If the restore fails or the JVM
     * is stopped (Ctrl-C) before it completes, what it created is removed again.
     *
     * @throws BackupException (TARGET_NOT_EMPTY) for a non-empty directory, (INVALID) for a path that is not a
     *                         directory, (NOT_FOUND, CORRUPT, WRONG_KEY) for the backup, (STORAGE) on I/O failure
     *
     * @param baseId         a base backup id, or {@code latest}
     * @param target         where recovery stops; {@link RecoveryTarget#latest()} replays all archived WAL
     * @param restoreCommand the shell command PostgreSQL runs to fetch WAL, with {@code %f} and {@code %p}
     */
    public static String restore(BackupRepository repo, BackupKey key, String baseId, Path dataDir,
                                 RecoveryTarget target, String restoreCommand) {
        List<String> all = baseBackups(repo);
        String id = "latest".equals(baseId) ? (all.isEmpty() ? null : all.get(all.size() - 1)) : baseId;
        if (id == null || !all.contains(id)) {
            throw new BackupException(Reason.NOT_FOUND, "no base backup '" + baseId + "' in " + repo.location()
                    + "; take one with `covet pitr base-backup`");
        }
        BaseManifest bm = BaseManifest.load(repo, id, key);
        Cleanup undo = prepareDataDir(dataDir);
        try (undo) {
            Process tar = new ProcessBuilder("tar", "-x", "-C", dataDir.toString()).redirectErrorStream(true).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(tar.getInputStream()));
            ChunkCodec codec = codec(key);
            try (OutputStream in = tar.getOutputStream()) {
                for (Manifest.Chunk c : bm.chunks()) {
                    byte[] stored = repo.storage().get("base/" + id + "/" + c.name());
                    if (!ChunkCodec.sha256(stored).equals(c.sha256())) {
                        tar.destroy();
                        throw new BackupException(Reason.CORRUPT, "chunk " + c.name() + " of base backup " + id
                                + " does not match its SHA-256: it was altered or truncated; nothing was restored");
                    }
                    in.write(codec.open(stored, c.plainBytes(), id + "/" + c.name()));
                }
            }
            if (tar.waitFor() != 0) {
                throw new BackupException(Reason.STORAGE, "tar could not unpack base backup " + id + ": " + out.join());
            }
            Files.writeString(dataDir.resolve("recovery.signal"), "");
            StringBuilder conf = new StringBuilder("\n# written by covet pitr restore of ").append(id).append('\n')
                    .append("restore_command = '").append(restoreCommand.replace("'", "''")).append("'\n");
            conf.append(target.settings());
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), conf, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            finishDataDir(dataDir);
            undo.keep();
        } catch (ChunkCodec.CorruptChunk e) {
            throw new BackupException(Reason.CORRUPT, "base backup " + id + " is damaged: " + e.getMessage());
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot restore base backup " + id + " into " + dataDir + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(Reason.STORAGE, "interrupted while restoring " + id);
        }
        return id;
    }

    /**
     * Checks that {@code dataDir} is absent or an empty directory, then creates it (and missing parents) with mode
     * 0700, as PostgreSQL requires. Returns what to delete if the restore does not complete: the directories
     * created here, or the content of an empty directory that already existed.
     */
    private static Cleanup prepareDataDir(Path dataDir) {
        try {
            if (Files.exists(dataDir)) {
                if (!Files.isDirectory(dataDir)) {
                    throw new BackupException(Reason.INVALID, dataDir + " exists and is not a directory; give a new, "
                            + "empty data directory");
                }
                try (var entries = Files.list(dataDir)) {
                    List<String> names = entries.map(p -> p.getFileName().toString()).sorted().limit(4).toList();
                    if (!names.isEmpty()) {
                        throw new BackupException(Reason.TARGET_NOT_EMPTY, "data directory " + dataDir
                                + " is not empty (it holds " + String.join(", ", names) + (names.size() == 4 ? ", …"
                                : "") + "); restore into a new or empty directory: Covet never overwrites a data "
                                + "directory, nothing was changed");
                    }
                }
                setMode(dataDir, "rwx------");
                return Cleanup.contentsOf(dataDir);
            }
            Path top = dataDir.toAbsolutePath().normalize();
            while (top.getParent() != null && !Files.exists(top.getParent())) {
                top = top.getParent();
            }
            Cleanup undo = Cleanup.of(top);
            try {
                Files.createDirectories(dataDir.toAbsolutePath().normalize().getParent());
                Files.createDirectory(dataDir);
                setMode(dataDir, "rwx------");
            } catch (IOException | RuntimeException e) {
                undo.close();
                throw e;
            }
            return undo;
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot create the data directory " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Gives the restored directory the mode and owner PostgreSQL accepts: 0750 when the backed-up cluster allows
     * group access (its {@code global} directory is group-readable), else 0700; and, when running as root, the
     * owner the unpacked files have (tar, as root, restores the cluster owner recorded in the base backup), because
     * PostgreSQL refuses to run as root and to start on a data directory it does not own.
     */
    private static void finishDataDir(Path dataDir) throws IOException {
        Path global = dataDir.resolve("global");
        if (Files.getFileStore(dataDir).supportsFileAttributeView("posix") && Files.isDirectory(global)
                && Files.getPosixFilePermissions(global).contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)) {
            setMode(dataDir, "rwxr-x---");
        }
        if (!Files.getFileStore(dataDir).supportsFileAttributeView("unix")
                || ((Integer) Files.getAttribute(dataDir, "unix:uid")) != 0) {
            return;
        }
        Path version = dataDir.resolve("PG_VERSION");
        if (!Files.exists(version)) {
            return;
        }
        Object uid = Files.getAttribute(version, "unix:uid");
        Object gid = Files.getAttribute(version, "unix:gid");
        if (((Integer) uid) == 0) {
            return; // the files themselves belong to root: nothing better to choose; the docs say to chown
        }
        for (Path p : List.of(dataDir, dataDir.resolve("recovery.signal"), dataDir.resolve("postgresql.auto.conf"))) {
            Files.setAttribute(p, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", gid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static void setMode(Path dir, String mode) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        }
    }

    /**
     * Applies retention to base backups and WAL: keeps the newest {@code keep} base backups and the WAL from the
     * start of the oldest kept one on; older base backups and WAL files are deleted. WAL a kept base backup needs is
     * never deleted, and timeline history files are always kept.
     *
     * @return the base backup ids and WAL file names deleted (or, in a dry run, that would be)
     */
    public static List<String> prune(BackupRepository repo, int keep, boolean dryRun) {
        if (keep < 1) {
            throw new BackupException(Reason.INVALID, "--keep-base must be at least 1: the newest base backup is "
                    + "always kept");
        }
        Storage s = repo.storage();
        List<String> bases = baseBackups(repo);
        List<String> deleted = new ArrayList<>();
        if (bases.size() <= keep) {
            return deleted;
        }
        String oldestKept = bases.get(bases.size() - keep);
        String startWal;
        try {
            startWal = BaseManifest.JSON.readValue(s.get("base/" + oldestKept + "/manifest.json"), BaseManifest.class)
                    .startWal();
            // the segment number without the timeline: later timelines continue the numbering
            String firstNeeded = startWal.substring(8);
            for (String name : s.list("wal/")) {
                String file = name.substring("wal/".length());
                if (file.length() >= 24 && !file.endsWith(".history") && file.substring(8, 24).compareTo(firstNeeded) < 0) {
                    deleted.add(file);
                    if (!dryRun) {
                        s.delete(name);
                    }
                }
            }
            for (String id : bases.subList(0, bases.size() - keep)) {
                deleted.add(id);
                if (!dryRun) {
                    deleteBase(s, id);
                }
            }
        } catch (IOException e) {
            throw new BackupException(Reason.STORAGE, "cannot prune " + repo.location() + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    /**
     * The settings that make PostgreSQL archive every WAL file with Covet, for {@code postgresql.auto.conf}.
     *
     * @param pushCommand the shell command archiving one file, with {@code %p} and {@code %f}
     */
    public static String archiveSettings(String pushCommand) {
        return "wal_level = 'replica'\narchive_mode = 'on'\narchive_command = '" + pushCommand.replace("'", "''")
                + "'\narchive_timeout = '60'\n";
    }

    private static void deleteBase(Storage s, String id) {
        try {
            List<String> names = new ArrayList<>(s.list("base/" + id + "/"));
            names.sort((a, b) -> Boolean.compare(!a.contains("manifest"), !b.contains("manifest")));
            for (String n : names) {
                s.delete(n);
            }
        } catch (IOException ignored) {
            // without a manifest the partial base backup is never used; it only takes space
        }
    }

    private static void checkName(String name) {
        if (name == null || !WAL_NAME.matcher(name).matches()) {
            throw new BackupException(Reason.INVALID, "'" + name + "' is not a WAL file name (pass %f from "
                    + "archive_command/restore_command)");
        }
    }

    private static ChunkCodec codec(BackupKey key) {
        return new ChunkCodec(key == null ? null : key.bytes(), 3);
    }

    private static String aad(String name, int length) {
        return "wal/" + name + "/" + length;
    }

    private static byte[] header(int length, byte[] sealed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(sealed.length + 4);
        b.write(length >>> 24);
        b.write(length >>> 16);
        b.write(length >>> 8);
        b.write(length);
        b.writeBytes(sealed);
        return b.toByteArray();
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
