package io.covet.cli;

import io.covet.backup.BackupInfo;
import io.covet.backup.BackupKey;
import io.covet.backup.BackupOptions;
import io.covet.backup.BackupRepository;
import io.covet.backup.Backups;
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
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's shop: generate and apply its migrations with the {@code covet} commands, fill and query it through
 * the ORM, then take an encrypted backup, verify it and restore it into a fresh SQLite file.
 */
final class DemoShop {
    private DemoShop() {
    }

    static void run(Database db, String url, PrintWriter out, PrintWriter err) {
        Path work = tempDir("covet-demo-");
        try {
            String migrations = work.resolve("migrations").toString();
            command(out, err, "makemigrations", "--migrations", migrations, "--source", ShopModels.class.getName());
            command(out, err, "migrate", "--migrations", migrations, "--database", url);
            command(out, err, "makemigrations", "--migrations", migrations, "--source", ShopModels.class.getName(),
                    "--check");

            out.println("Shop through the ORM:");
            Shop.fillAndQuery(Shop.orm(db), line -> out.println("  " + line));

            backup(db, work, out);
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

    private static void backup(Database db, Path work, PrintWriter out) {
        BackupKey key = BackupKey.generate(); // held in memory only; a real setup reads --key-file
        try (BackupRepository repo = BackupRepository.open(work.resolve("backups").toString())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.builder().key(key).build());
            out.println("Backup " + b.id() + ": " + b.tables().size() + " tables, zstd + AES-256-GCM");
            VerifyReport v = Backups.verify(repo, b.id(), key, VerifyReport.Mode.RESTORE);
            out.println("Verified by a test restore: " + (v.intact() ? "intact" : "DAMAGED " + v.problems())
                    + ", " + v.rows() + " rows in " + v.tables() + " tables");
            Path copy = work.resolve("restored.db");
            try (Database target = Database.open("sqlite:" + copy)) {
                RestoreReport r = Backups.restore(repo, b.id(), key, target, false);
                long customers = target.sql("SELECT COUNT(*) FROM customer").list(rs -> rs.getLong(1)).get(0);
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
