package io.covet.cli;

import io.covet.backup.BackupKey;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input changes nothing: a SQLite path that names no file is refused by every command that only reads it,
 * the commands that create a database do so only once their input is valid (and remove it again when they fail),
 * no lock or temporary file outlives a command, and an unencrypted backup says so once.
 */
class BadInputCliTest {
    @TempDir
    Path dir;
    Path keyFile;
    Path migrations;

    @BeforeEach
    void prepare() throws Exception {
        keyFile = dir.resolve("backup.key");
        Files.writeString(keyFile, BackupKey.generate().toHex() + "\n");
        migrations = dir.resolve("migrations");
        CliRun make = covet("makemigrations", "--migrations", migrations.toString(), "--source",
                io.covet.cli.migrate.ShopOrm.class.getName());
        assertThat(make.exit()).as(make.err()).isZero();
    }

    /** Every file under the test directory with its content, to prove a command changed nothing. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "<dir>"
                        : java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private String shop(String name) {
        Path file = dir.resolve(name);
        try (Database db = Database.open("sqlite:" + file)) {
            db.sql("CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT NOT NULL)").execute();
            List<Object[]> rows = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                rows.add(new Object[]{i, "product " + i});
            }
            db.bulkLoad("product", List.of("id", "name"), rows);
        }
        return "sqlite:" + file;
    }

    @Test
    void everyCommandThatOnlyReadsRefusesASqliteFileThatDoesNotExist() throws Exception {
        Path typo = dir.resolve("typo.db");
        String url = "sqlite:" + typo;
        String repo = dir.resolve("repo").toString();
        String m = migrations.toString();
        List<List<String>> commands = List.of(
                List.of("db", "check", "-d", url),
                List.of("db", "check", "--json", "-d", url),
                List.of("backup", "create", "-d", url, "--repo", repo, "--key-file", keyFile.toString()),
                List.of("backup", "create", "--physical", "-d", url, "--repo", repo, "--key-file", keyFile.toString()),
                List.of("backup", "create", "-d", url, "--repo", repo),
                List.of("backup", "schedule", "--once", "--keep-last", "2", "-d", url, "--repo", repo),
                List.of("schema", "drift", "-d", url, "--migrations", m),
                List.of("showmigrations", "-d", url, "--migrations", m),
                List.of("lintmigrations", "-d", url, "--migrations", m),
                List.of("inspectdb", "-d", url, "--package", "a.b"),
                List.of("makemigrations", "--check", "--against-database", "-d", url, "--migrations", m,
                        "--source", io.covet.cli.migrate.ShopOrm.class.getName()));
        Map<String, String> before = snapshot();
        for (List<String> args : commands) {
            CliRun r = covet(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err().strip()).as(String.join(" ", args)).isEqualTo("covet: SQLite database " + typo
                    + " does not exist (no file at " + typo + "); check the path. This command only reads a "
                    + "database: `covet migrate` or `covet backup restore` create a new one.");
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(snapshot()).as(String.join(" ", args)).isEqualTo(before);
        }
    }

    @Test
    void migrateCreatesTheFileOnlyForValidInputAndLeavesNoLockFile() throws Exception {
        Path fresh = dir.resolve("new.db");
        String url = "sqlite:" + fresh;
        String m = migrations.toString();
        Map<String, String> before = snapshot();

        record Bad(List<String> args, String message) {
        }
        List<Bad> bad = List.of(
                new Bad(List.of("migrate", "-d", url, "--migrations", dir.resolve("nope").toString()),
                        "covet: no migrations directory at " + dir.resolve("nope")),
                new Bad(List.of("migrate", "nosuchapp", "-d", url, "--migrations", m),
                        "covet: there are no migrations for app nosuchapp; apps: [shop]"),
                new Bad(List.of("migrate", "shop", "0042_missing", "-d", url, "--migrations", m),
                        "covet: there is no migration shop.0042_missing; known in shop: [shop.0001_initial]"),
                new Bad(List.of("migrate", "-d", url, "--migrations", m, "--wait", "soon"),
                        "covet: --wait 'soon' is not a duration"));
        for (Bad b : bad) {
            CliRun r = covet(b.args().toArray(String[]::new));
            assertThat(r.exit()).as(b.args() + ": " + r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err().strip().lines().findFirst().orElseThrow()).as(String.valueOf(b.args())).startsWith(b.message());
            assertThat(snapshot()).as(String.valueOf(b.args())).isEqualTo(before);
        }

        CliRun plan = covet("migrate", "-d", url, "--migrations", m, "--plan");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("shop.0001_initial");
        assertThat(snapshot()).as("--plan creates nothing").isEqualTo(before);

        CliRun migrate = covet("migrate", "-d", url, "--migrations", m);
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("Applied shop.0001_initial");
        Map<String, String> after = snapshot();
        assertThat(after.keySet()).containsAll(before.keySet());
        after.keySet().removeAll(before.keySet());
        assertThat(after.keySet()).as("only the database, no lock, journal or temporary file").containsExactly("new.db");
        assertThat(covet("showmigrations", "-d", url, "--migrations", m).out()).contains("[X] 0001_initial");
        assertThat(dir.resolve("new.db.migrate-lock")).doesNotExist();
    }

    @Test
    void aFailedRestoreIntoANewSqliteFileLeavesNoFile() throws Exception {
        String repo = dir.resolve("repo").toString();
        CliRun create = covet("backup", "create", "-d", shop("shop.db"), "--repo", repo, "--key-file",
                keyFile.toString());
        assertThat(create.exit()).as(create.err()).isZero();
        String id = create.lastLine();
        Path wrongKey = dir.resolve("wrong.key");
        Files.writeString(wrongKey, BackupKey.generate().toHex());
        String fresh = "sqlite:" + dir.resolve("restored.db");
        Map<String, String> before = snapshot();

        CliRun unknown = covet("backup", "restore", "20200101T000000Z-abcd", "--repo", repo, "--key-file",
                keyFile.toString(), "-d", fresh);
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err().strip()).isEqualTo("covet: no backup '20200101T000000Z-abcd' in "
                + Path.of(repo).toAbsolutePath() + "; `covet backup list` shows the ids there");
        assertThat(snapshot()).isEqualTo(before);

        CliRun wrong = covet("backup", "restore", id, "--repo", repo, "--key-file", wrongKey.toString(), "-d", fresh);
        assertThat(wrong.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(wrong.err().strip().lines()).singleElement().asString().contains("not the one");
        assertThat(snapshot()).isEqualTo(before);

        // into an existing database that is not empty: refused, and the file stays byte for byte the same
        String existing = shop("existing.db");
        Map<String, String> withExisting = snapshot();
        CliRun notEmpty = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(), "-d",
                existing);
        assertThat(notEmpty.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(notEmpty.err()).contains("--clean");
        assertThat(snapshot()).isEqualTo(withExisting);

        // a chunk damaged after the manifest was read: the restore starts writing, fails, and the new file goes
        Path chunk;
        try (Stream<Path> all = Files.walk(Path.of(repo))) {
            chunk = all.filter(p -> p.getFileName().toString().endsWith(".chunk")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[bytes.length / 2] ^= 1;
        Files.write(chunk, bytes);
        Map<String, String> damaged = snapshot();
        CliRun corrupt = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(), "-d", fresh);
        assertThat(corrupt.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(corrupt.err().strip().lines()).singleElement().asString().contains("nothing was restored");
        assertThat(snapshot()).isEqualTo(damaged);

        bytes[bytes.length / 2] ^= 1;
        Files.write(chunk, bytes);
        CliRun good = covet("backup", "restore", id, "--repo", repo, "--key-file", keyFile.toString(), "-d", fresh);
        assertThat(good.exit()).as(good.err()).isZero();
        try (Database db = Database.open(fresh)) {
            assertThat(db.sql("SELECT COUNT(*) FROM product").list(rs -> rs.getLong(1))).containsExactly(50L);
        }
    }

    @Test
    void readingARepositoryThatDoesNotExistCreatesNothing() throws Exception {
        Path typo = dir.resolve("no-such-repo");
        String repo = typo.toString();
        Map<String, String> before = snapshot();
        List<List<String>> commands = List.of(
                List.of("backup", "list", "--repo", repo),
                List.of("backup", "verify", "20200101T000000Z-abcd", "--repo", repo),
                List.of("backup", "restore", "20200101T000000Z-abcd", "--repo", repo, "-d",
                        "sqlite:" + dir.resolve("x.db")),
                List.of("backup", "prune", "--keep-last", "1", "--repo", repo),
                List.of("pitr", "restore", "--data-dir", dir.resolve("pgdata").toString(), "--repo", repo),
                List.of("pitr", "prune", "--keep-base", "1", "--repo", repo));
        for (List<String> args : commands) {
            CliRun r = covet(args.toArray(String[]::new));
            assertThat(r.exit()).as(args + ": " + r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err().strip()).as(String.valueOf(args)).isEqualTo("covet: no backup repository at " + repo + " (" + repo
                    + " does not exist); check --repo. Nothing was created.");
            assertThat(snapshot()).as(String.valueOf(args)).isEqualTo(before);
        }
    }

    @Test
    void verifyRemovesAScratchSqliteFileItCreated() throws Exception {
        String repo = dir.resolve("repo").toString();
        String id = covet("backup", "create", "-d", shop("shop.db"), "--repo", repo, "--key-file",
                keyFile.toString()).lastLine();
        Map<String, String> before = snapshot();
        CliRun verify = covet("backup", "verify", id, "--repo", repo, "--key-file", keyFile.toString(), "--scratch",
                "sqlite:" + dir.resolve("scratch.db"));
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("is intact");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUnencryptedBackupWarnsOnceUnlessAskedFor() throws Exception {
        String src = shop("shop.db");
        String repo = dir.resolve("repo").toString();
        CliRun plain = covet("backup", "create", "-d", src, "--repo", repo);
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.err().lines().toList()).containsExactly("covet: warning: this backup is not encrypted (no "
                + "--key-file or COVET_BACKUP_KEY; --no-encryption silences this)");

        CliRun json = covet("backup", "create", "-d", src, "--repo", repo, "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.err().lines()).hasSize(1);

        CliRun quiet = covet("backup", "create", "-d", src, "--repo", repo, "--no-encryption");
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(covet("backup", "list", "--repo", repo).out().lines().filter(l -> l.contains("encrypted")))
                .isEmpty();

        CliRun encrypted = covet("backup", "create", "-d", src, "--repo", repo, "--key-file", keyFile.toString());
        assertThat(encrypted.exit()).as(encrypted.err()).isZero();
        assertThat(encrypted.err()).isEmpty();

        Path other = dir.resolve("other-repo");
        Map<String, String> before = snapshot();
        CliRun both = covet("backup", "create", "-d", src, "--repo", other.toString(), "--key-file",
                keyFile.toString(), "--no-encryption");
        assertThat(both.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err().strip()).isEqualTo("covet: --no-encryption contradicts the key given with --key-file; "
                + "drop one of them");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBackupLeavesNoTemporaryFileInTheRepository() throws Exception {
        Path repo = dir.resolve("repo");
        assertThat(covet("backup", "create", "-d", shop("shop.db"), "--repo", repo.toString(), "--key-file",
                keyFile.toString()).exit()).isZero();
        assertThat(covet("backup", "create", "--physical", "-d", "sqlite:" + dir.resolve("shop.db"), "--repo",
                repo.toString(), "--key-file", keyFile.toString()).exit()).isZero();
        try (Stream<Path> all = Files.walk(repo)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
        assertThat(snapshot().keySet()).noneMatch(n -> n.endsWith("-wal") || n.endsWith("-shm")
                || n.endsWith("-journal") || n.endsWith(".covet-restore"));
    }
}
