package io.covet.cli;

import io.covet.backup.BackupInfo;
import io.covet.backup.BackupKey;
import io.covet.backup.BackupOptions;
import io.covet.backup.BackupRepository;
import io.covet.backup.Backups;
import io.covet.backup.RestoreOptions;
import io.covet.backup.RestoreReport;
import io.covet.backup.VerifyReport;
import io.covet.cli.common.ExitCode;
import io.covet.cli.shop.Shop;
import io.covet.cli.shop.ShopModels;
import io.covet.core.Database;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo's shop: generate and apply its migrations with the {@code covet} commands, fill and query it through
 * the ORM, then take an encrypted backup, verify it and restore it into a fresh SQLite file.
 */
final class DemoShop {
    private DemoShop() {
    }

    /** Runs the shop steps, printing to {@code out} and putting their results into {@code summary} (for --json). */
    static void run(Database db, String url, PrintWriter out, PrintWriter err, Map<String, Object> summary) {
        Path work = tempDir("covet-demo-");
        try {
            String migrations = work.resolve("migrations").toString();
            command(out, err, "makemigrations", "--migrations", migrations, "--source", ShopModels.class.getName());
            command(out, err, "migrate", "--migrations", migrations, "--database", url);
            command(out, err, "makemigrations", "--migrations", migrations, "--source", ShopModels.class.getName(),
                    "--check");

            out.println("Shop through the ORM:");
            List<String> queries = new ArrayList<>();
            Shop.fillAndQuery(Shop.orm(db), line -> {
                queries.add(line);
                out.println("  " + line);
            });
            summary.put("queries", queries);

            backup(db, work, out, summary);
        } finally {
            deleteTree(work);
        }
    }

    private static void command(PrintWriter out, PrintWriter err, String... args) {
        out.println("$ covet " + String.join(" ", args));
        int exit = CovetCli.run(out, err, args);
        if (exit != ExitCode.OK) {
            throw new IllegalStateException("covet " + args[0] + " exited with " + exit);
        }
    }

    private static void backup(Database db, Path work, PrintWriter out, Map<String, Object> summary) {
        BackupKey key = BackupKey.generate(); // held in memory only; a real setup reads --key-file
        try (BackupRepository repo = BackupRepository.open(work.resolve("backups").toString())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.builder().key(key).build());
            summary.put("backupId", b.id());
            summary.put("backupTables", b.tables().size());
            out.println("Backup " + b.id() + ": " + b.tables().size() + " tables, zstd + AES-256-GCM");
            VerifyReport v = Backups.verify(repo, b.id(), key, VerifyReport.Mode.RESTORE);
            summary.put("verifiedIntact", v.intact());
            summary.put("verifiedByRestore", v.restored());
            summary.put("verifiedRows", v.rows());
            // a test restore needs a scratch database of the backup's engine; on a server only the chunks are checked
            out.println((v.restored() ? "Verified by a test restore: " : "Verified (chunks and checksums): ")
                    + (v.intact() ? "intact" : "DAMAGED " + v.problems()) + ", " + v.rows() + " rows in "
                    + v.tables() + " tables");
            Path copy = work.resolve("restored.db");
            try (Database target = Database.open("sqlite:" + copy)) {
                // From a server, the shop's check constraints are written in that engine's SQL: SQLite gets the
                // tables and rows without them (listed as warnings)
                RestoreReport r = Backups.restore(repo, b.id(), key, target, RestoreOptions.builder()
                        .skipNativeObjects(db.engine() != target.engine()).build());
                summary.put("restoreWarnings", r.warnings());
                r.warnings().forEach(w -> out.println("  (left out of the SQLite copy: " + w + ")"));
                long customers = target.sql("SELECT COUNT(*) FROM customer").list(rs -> rs.getLong(1)).get(0);
                summary.put("restoredRows", r.rows());
                summary.put("restoredCustomers", customers);
                out.println("Restored " + r.rows() + " rows into a fresh SQLite file; customers there: " + customers);
            }
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the demo for
        }
    }
}
