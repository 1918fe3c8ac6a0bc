package io.covet.cli.backup;

import io.covet.cli.CliRun;
import io.covet.backup.BackupKey;
import io.covet.core.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-in-time recovery on a throwaway PostgreSQL cluster this test creates: Covet archives WAL as the
 * cluster's archive_command, takes a base backup, and recovers new clusters to a time, a WAL position and a
 * transaction between two writes.
 */
class PitrCliTest {
    static final Path PG_BIN = Path.of(System.getenv().getOrDefault("COVET_PG_BIN", "/usr/lib/postgresql/15/bin"));
    // a free port, not a fixed one: a fixed port can be taken by whatever else this machine runs
    private final int port = freePort();
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    Path base;
    Path running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            sh(PG_BIN.resolve("pg_ctl") + " -D " + running + " -m immediate stop");
        }
        if (base != null) {
            try (Stream<Path> all = Files.walk(base)) {
                all.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void recoversExactlyTheRowsWrittenBeforeEachKindOfTarget() throws Exception {
        base = Files.createTempDirectory("covet-pitr-");
        Path data = base.resolve("data");
        Path repo = base.resolve("repo");
        Path key = base.resolve("backup.key");
        Files.createDirectories(repo);
        Files.writeString(key, BackupKey.generate().toHex());
        // PostgreSQL expands archive_command into a 1 KiB buffer, so the long java command goes into a script
        Path script = base.resolve("covet");
        Files.writeString(script, "#!/bin/sh\nexec " + Path.of(System.getProperty("java.home"), "bin", "java")
                + " -cp " + portableClasspath() + " io.covet.cli.CovetCli \"$@\"\n");
        script.toFile().setExecutable(true, false);
        String java = script.toString();
        own(base);
        sh(PG_BIN.resolve("initdb") + " -D " + data + " -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null");
        Files.writeString(data.resolve("postgresql.conf"), "\nport = " + port + "\nlisten_addresses = '127.0.0.1'\n"
                + "unix_socket_directories = '" + base + "'\nmax_wal_senders = 4\n", StandardOpenOption.APPEND);
        CliRun setup = covet("pitr", "setup", "--data-dir", data.toString(), "--repo", repo.toString(),
                "--key-file", key.toString(), "--covet-command", java);
        assertThat(setup.exit()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("archive_mode = 'on'", "wal-push");
        Path other = Files.createDirectories(base.resolve("setup-json"));
        Files.writeString(other.resolve("postgresql.auto.conf"), "");
        JsonNode setupJson = json(covet("pitr", "setup", "--data-dir", other.toString(), "--repo", repo.toString(),
                "--key-file", key.toString(), "--covet-command", java, "--json"));
        assertThat(setupJson.get("dataDir").asText()).isEqualTo(other.toString());
        assertThat(setupJson.get("settings").toString()).contains("archive_mode = 'on'", "wal-push");
        assertThat(setupJson.get("restartNeeded").asBoolean()).isTrue();
        assertThat(Files.readString(other.resolve("postgresql.auto.conf"))).contains("archive_mode = 'on'");
        start(data);

        String url = "postgresql://postgres@127.0.0.1:" + port + "/postgres";
        String target;
        String targetLsn;
        String targetXid;
        try (Database db = Database.open(url)) {
            db.sql("CREATE TABLE events (id INT PRIMARY KEY, phase TEXT NOT NULL)").execute();
            insert(db, 1, 3, "t1");
            CliRun baseBackup = covet("pitr", "base-backup", "-d", url, "--repo", repo.toString(),
                    "--key-file", key.toString(), "--pg-bin", PG_BIN.toString());
            assertThat(baseBackup.exit()).as(baseBackup.err()).isZero();
            assertThat(baseBackup.lastLine()).startsWith("base-");
            Path jsonRepo = Files.createDirectories(base.resolve("repo-json"));
            JsonNode baseJson = json(covet("pitr", "base-backup", "-d", url, "--repo", jsonRepo.toString(),
                    "--key-file", key.toString(), "--pg-bin", PG_BIN.toString(), "--json"));
            assertThat(baseJson.get("baseBackup").asText()).startsWith("base-");
            JsonNode pruneJson = json(covet("pitr", "prune", "--keep-base", "1", "--dry-run", "--repo",
                    jsonRepo.toString(), "--key-file", key.toString(), "--json"));
            assertThat(pruneJson.get("dryRun").asBoolean()).isTrue();
            assertThat(pruneJson.get("deleted")).isEmpty();
            insert(db, 4, 6, "t2");
            Thread.sleep(1200);
            target = db.sql("SELECT clock_timestamp()::text").list(rs -> rs.getString(1)).get(0);
            // the last transaction before t3 (its commit is logged because it holds an id) and the WAL position after it
            targetXid = db.sql("SELECT pg_current_xact_id()::text").list(rs -> rs.getString(1)).get(0);
            targetLsn = db.sql("SELECT pg_current_wal_lsn()::text").list(rs -> rs.getString(1)).get(0);
            Thread.sleep(1200);
            insert(db, 7, 9, "t3");
            String last = db.sql("SELECT pg_walfile_name(pg_switch_wal())").list(rs -> rs.getString(1)).get(0);
            waitFor(() -> last.compareTo(String.valueOf(db.sql("SELECT last_archived_wal FROM pg_stat_archiver")
                    .list(rs -> rs.getString(1)).get(0))) <= 0, "WAL " + last + " archived; "
                    + db.sql("SELECT failed_count, last_failed_wal FROM pg_stat_archiver").list(rs -> rs.getString(1) + " " + rs.getString(2)));
        }
        sh(PG_BIN.resolve("pg_ctl") + " -D " + data + " -m fast -w stop >/dev/null");
        running = null;
        assertThat(Files.list(repo.resolve("wal")).count()).isGreaterThan(1);

        CliRun bad = covet("pitr", "restore", "latest", "--data-dir", base.resolve("bad").toString(),
                "--target-lsn", "0/3'; DROP", "--repo", repo.toString(), "--key-file", key.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("recovery target LSN '0/3'; DROP' is not a WAL position");
        assertThat(base.resolve("bad")).doesNotExist();

        // A promoted copy archives its new timeline into the repository (its archive_command came with the base
        // backup), and a later restore would follow that timeline: each restore starts from its own copy of the
        // repository as the original cluster left it.
        Path pristine = copyTree(repo, base.resolve("repo-as-left"));

        // A non-empty data directory is refused and left exactly as it was.
        Path occupied = Files.createDirectories(base.resolve("occupied"));
        Files.writeString(occupied.resolve("PG_VERSION"), "15\n");
        CliRun refused = covet("pitr", "restore", "latest", "--data-dir", occupied.toString(), "--repo",
                copyTree(pristine, base.resolve("repo-occupied")).toString(), "--key-file", key.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("covet: data directory " + occupied + " is not empty (it holds "
                + "PG_VERSION); restore into a new or empty directory: Covet never overwrites a data directory, "
                + "nothing was changed");
        try (Stream<Path> left = Files.list(occupied)) {
            assertThat(left).containsExactly(occupied.resolve("PG_VERSION"));
        }
        assertThat(occupied.resolve("PG_VERSION")).hasContent("15\n");

        // A base backup damaged in its last chunk fails after tar has unpacked the rest: nothing stays behind.
        Path damagedRepo = copyTree(pristine, base.resolve("repo-damaged"));
        Path lastChunk;
        try (Stream<Path> all = Files.walk(damagedRepo.resolve("base"))) {
            lastChunk = all.filter(p -> p.getFileName().toString().endsWith(".chunk")).max(Path::compareTo)
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(lastChunk);
        bytes[bytes.length / 2] ^= 1;
        Files.write(lastChunk, bytes);
        Path never = base.resolve("never/data");
        CliRun damaged = covet("pitr", "restore", "latest", "--data-dir", never.toString(), "--repo",
                damagedRepo.toString(), "--key-file", key.toString());
        assertThat(damaged.exit()).isEqualTo(2);
        assertThat(damaged.err()).contains("does not match its SHA-256", "nothing was restored");
        assertThat(base.resolve("never")).doesNotExist();
        String[][] targets = {{"--target-time", target}, {"--target-lsn", targetLsn}, {"--target-xid", targetXid}};
        for (String[] t : targets) {
            Path restored = base.resolve("restored" + t[0]);
            Path ownRepo = copyTree(pristine, base.resolve("repo" + t[0]));
            boolean asJson = t == targets[0]; // the first restore reports in JSON
            String[] args = {"pitr", "restore", "latest", "--data-dir", restored.toString(), t[0],
                    t[1], "--repo", ownRepo.toString(), "--key-file", key.toString(), "--covet-command", java};
            CliRun restore = covet(asJson ? Stream.concat(Stream.of(args),
                    Stream.of("--json")).toArray(String[]::new) : args);
            assertThat(restore.exit()).as(restore.err()).isZero();
            // PostgreSQL starts on the directory as restored: mode 0700, and (run as root) owned by the cluster owner
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restored))).isEqualTo("rwx------");
            String owner = ROOT ? "postgres" : System.getProperty("user.name");
            assertThat(Files.getOwner(restored).getName()).isEqualTo(owner);
            assertThat(Files.getOwner(restored.resolve("recovery.signal")).getName()).isEqualTo(owner);
            if (asJson) {
                JsonNode r = json(restore);
                assertThat(r.get("baseBackup").asText()).startsWith("base-");
                assertThat(r.get("dataDir").asText()).isEqualTo(restored.toString());
                assertThat(r.get("target").asText()).contains(t[1]);
                assertThat(r.get("mode").asText()).isEqualTo("0700");
                assertThat(r.get("owner").asText()).isEqualTo(owner);
            } else {
                assertThat(restore.out()).contains("(mode 0700, owner " + owner + ")",
                        "Start PostgreSQL on it as " + owner);
            }
            start(restored);
            try (Database db = Database.open(url)) {
                try {
                    waitFor(() -> !db.sql("SELECT pg_is_in_recovery()").list(rs -> rs.getBoolean(1)).get(0),
                            "recovery ends");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + " (" + t[0] + " " + t[1] + "); server log:\n"
                            + Files.readString(base.resolve(restored.getFileName() + ".log")), e);
                }
                assertThat(db.sql("SELECT id || ':' || phase FROM events ORDER BY id").list(rs -> rs.getString(1)))
                        .as("recovered to %s %s", t[0], t[1])
                        .containsExactly("1:t1", "2:t1", "3:t1", "4:t2", "5:t2", "6:t2");
            }
            sh(PG_BIN.resolve("pg_ctl") + " -D " + restored + " -m fast -w stop >/dev/null");
            running = null;
        }

        CliRun missing = covet("pitr", "wal-fetch", "0000000500000000000000AA", base.resolve("x").toString(),
                "--repo", repo.toString(), "--key-file", key.toString(), "--json");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(json(missing).get("found").asBoolean()).isFalse();
        String archived;
        try (Stream<Path> wal = Files.list(repo.resolve("wal"))) {
            archived = wal.map(p -> p.getFileName().toString()).filter(n -> n.length() == 24).findFirst().orElseThrow();
        }
        JsonNode fetched = json(covet("pitr", "wal-fetch", archived, base.resolve("fetched").toString(),
                "--repo", repo.toString(), "--key-file", key.toString(), "--json"));
        assertThat(fetched.get("wal").asText()).isEqualTo(archived);
        assertThat(fetched.get("found").asBoolean()).isTrue();
        assertThat(base.resolve("fetched")).isNotEmptyFile();
        Path pushed = base.resolve("pushed");
        Files.write(pushed, new byte[]{4, 5, 6});
        JsonNode push = json(covet("pitr", "wal-push", pushed.toString(), "0000000900000000000000AA",
                "--repo", base.resolve("repo-push").toString(), "--key-file", key.toString(), "--json"));
        assertThat(push.get("wal").asText()).isEqualTo("0000000900000000000000AA");
        assertThat(push.get("archived").asBoolean()).isTrue();
        other = base.resolve("other");
        Files.write(other, new byte[]{1, 2, 3});
        CliRun overwrite = covet("pitr", "wal-push", other.toString(), archived, "--repo", repo.toString(),
                "--key-file", key.toString());
        assertThat(overwrite.exit()).isEqualTo(2);
        assertThat(overwrite.err()).contains("refusing to overwrite");
    }

    /** The one JSON object a --json run printed (parsed by Jackson). */
    private static JsonNode json(CliRun r) throws IOException {
        assertThat(r.out().strip().lines()).as(r.out() + r.err()).hasSize(1);
        return new ObjectMapper().readTree(r.out());
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static void insert(Database db, int from, int to, String phase) {
        for (int i = from; i <= to; i++) {
            db.sql("INSERT INTO events VALUES (?, ?)", i, phase).execute();
        }
    }

    private void start(Path dir) throws Exception {
        Path log = dir.getParent().resolve(dir.getFileName() + ".log");
        try {
            sh(PG_BIN.resolve("pg_ctl") + " -D " + dir + " -l " + log + " -w start >/dev/null");
        } catch (IllegalStateException e) {
            // the server's own log says why it did not start; the directory is gone once the test ends
            throw new IllegalStateException(e.getMessage() + "\nserver log:\n"
                    + (Files.exists(log) ? Files.readString(log) : "(none)"), e);
        }
        running = dir;
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The test classpath copied where the postgres user can read it (root's home is private). */
    private String portableClasspath() throws IOException {
        Path cp = base.resolve("cp");
        Files.createDirectories(cp);
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path src = Path.of(e);
            if (!Files.exists(src)) {
                continue;
            }
            Path dst = cp.resolve((n++) + "-" + src.getFileName());
            if (Files.isDirectory(src)) {
                try (Stream<Path> all = Files.walk(src)) {
                    for (Path p : all.toList()) {
                        Path t = dst.resolve(src.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.copy(src, dst);
            }
            entries.add(dst.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void own(Path p) throws Exception {
        if (ROOT) {
            run(List.of("chown", "-R", "postgres:postgres", p.toString()));
        }
    }

    private static void sh(String command) throws Exception {
        run(ROOT ? List.of("su", "postgres", "-s", "/bin/sh", "-c", command) : List.of("/bin/sh", "-c", command));
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException ignored) {
                // the server may still be starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
