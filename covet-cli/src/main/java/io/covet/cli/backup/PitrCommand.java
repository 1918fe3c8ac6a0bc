package io.covet.cli.backup;

import io.covet.backup.BackupException;
import io.covet.backup.BackupRepository;
import io.covet.backup.Pitr;
import io.covet.backup.RecoveryTarget;
import io.covet.cli.common.ExitCode;
import io.covet.cli.common.JsonOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code covet pitr …}: PostgreSQL point-in-time recovery with Covet as archive_command and restore_command, in
 * the same repository and with the same key as logical backups.
 */
@Command(name = "pitr", mixinStandardHelpOptions = true,
        description = "PostgreSQL point-in-time recovery: continuous WAL archiving, base backups, restore to a time.",
        subcommands = {PitrCommand.Setup.class, PitrCommand.BaseBackup.class, PitrCommand.WalPush.class,
                PitrCommand.WalFetch.class, PitrCommand.Restore.class, PitrCommand.Prune.class})
public final class PitrCommand {
    static final String DEFAULT_PG_BIN = "/usr/lib/postgresql/15/bin";

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RepoOptions repo;

        @Option(names = "--json", description = "Print one JSON object instead of text (shape in docs/backup.md).")
        boolean json;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** In --json mode prints {@code keysAndValues} (key, value, key, value …) as one object. */
        void json(Object... keysAndValues) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            out().println(JsonOut.write(m));
        }

        @Override
        public final Integer call() {
            try {
                return run();
            } catch (BackupException e) {
                return Output.fail(spec.commandLine().getErr(), e);
            }
        }

        abstract int run();

        /** The shell command PostgreSQL runs to call this CLI with the same repository and key file. */
        String self(String covet, String subcommand) {
            // PostgreSQL runs the command in its data directory, so every path is made absolute
            String location = repo.repo.startsWith("s3://") ? repo.repo : Path.of(repo.repo).toAbsolutePath().toString();
            StringBuilder sb = new StringBuilder(covet).append(" pitr ").append(subcommand).append(" --repo ")
                    .append(shell(location));
            if (repo.keyFile != null) {
                sb.append(" --key-file ").append(shell(repo.keyFile.toAbsolutePath().toString()));
            }
            return sb.toString();
        }

        private static String shell(String s) {
            if (s.matches("[A-Za-z0-9_./:=@-]+")) {
                return s;
            }
            if (s.contains("\"") || s.contains("$") || s.contains("`") || s.contains("\\")) {
                throw new BackupException(BackupException.Reason.INVALID, "the path " + s + " cannot be passed to "
                        + "PostgreSQL's archive_command safely; use a path without quotes, $, ` or \\");
            }
            return "\"" + s + "\"";
        }
    }

    /** {@code covet pitr setup}. */
    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = "Configure a PostgreSQL data directory to archive every WAL file with Covet (restart it after).")
    static final class Setup extends Base {
        @Option(names = "--data-dir", required = true, description = "The cluster's data directory.")
        Path dataDir;

        @Option(names = "--covet-command", defaultValue = "covet",
                description = "How PostgreSQL runs Covet (default: ${DEFAULT-VALUE}).")
        String covet;

        @Override
        int run() {
            String settings = Pitr.archiveSettings(self(covet, "wal-push") + " %p %f");
            try {
                Files.writeString(dataDir.resolve("postgresql.auto.conf"), "\n# written by covet pitr setup\n" + settings,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new BackupException(BackupException.Reason.INVALID, "cannot update " + dataDir.resolve(
                        "postgresql.auto.conf") + ": " + e + "; is --data-dir the cluster's data directory?");
            }
            if (json) {
                json("dataDir", dataDir.toString(), "settings", settings.lines().toList(), "restartNeeded", true);
                return ExitCode.OK;
            }
            out().print(settings);
            out().println("Restart PostgreSQL for archive_mode to take effect, then take a base backup.");
            return ExitCode.OK;
        }
    }

    /** {@code covet pitr base-backup}. */
    @Command(name = "base-backup", mixinStandardHelpOptions = true,
            description = "Stream a pg_basebackup into the repository; prints the base backup id on the last line.")
    static final class BaseBackup extends Base {
        @Option(names = {"-d", "--database"}, required = true, paramLabel = "URL",
                description = "postgresql://user[:password]@host:port/db of a user allowed to replicate.")
        String url;

        @Option(names = "--pg-bin", defaultValue = DEFAULT_PG_BIN, description = "Where pg_basebackup is (default: ${DEFAULT-VALUE}).")
        Path pgBin;

        @Override
        int run() {
            try (BackupRepository r = repo.openOrCreate()) {
                String id = Pitr.baseBackup(r, repo.key(), url, pgBin);
                if (json) {
                    json("baseBackup", id);
                } else {
                    out().println(id);
                }
            }
            return ExitCode.OK;
        }
    }

    /** {@code covet pitr wal-push}: PostgreSQL's archive_command. */
    @Command(name = "wal-push", mixinStandardHelpOptions = true,
            description = "Archive one WAL file (archive_command '… wal-push %p %f'); exit 0 only once it is stored.")
    static final class WalPush extends Base {
        @Parameters(index = "0", paramLabel = "PATH", description = "%p: the file's path.")
        Path path;

        @Parameters(index = "1", paramLabel = "NAME", description = "%f: the file's name.")
        String name;

        @Override
        int run() {
            try (BackupRepository r = repo.openOrCreate()) {
                Pitr.walPush(r, repo.key(), path, name);
            }
            if (json) {
                json("wal", name, "archived", true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code covet pitr wal-fetch}: PostgreSQL's restore_command. */
    @Command(name = "wal-fetch", mixinStandardHelpOptions = true,
            description = "Restore one archived WAL file (restore_command '… wal-fetch %f %p'); exit 1 when it is not archived.")
    static final class WalFetch extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "%f: the file's name.")
        String name;

        @Parameters(index = "1", paramLabel = "PATH", description = "%p: where to write it.")
        Path path;

        @Override
        int run() {
            try (BackupRepository r = repo.open()) {
                boolean found = Pitr.walFetch(r, repo.key(), name, path);
                if (json) {
                    json("wal", name, "found", found, "path", found ? path.toString() : null);
                }
                return found ? ExitCode.OK : ExitCode.CHECK_FAILED;
            }
        }
    }

    /** {@code covet pitr prune}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Keep the newest N base backups and the WAL they need; delete older ones.")
    static final class Prune extends Base {
        @Option(names = "--keep-base", required = true, description = "Base backups to keep (at least 1).")
        int keep;

        @Option(names = "--dry-run", description = "Show what would be deleted, delete nothing.")
        boolean dryRun;

        @Override
        int run() {
            try (BackupRepository r = repo.open()) {
                java.util.List<String> gone = Pitr.prune(r, keep, dryRun);
                if (json) {
                    json("dryRun", dryRun, "deleted", gone);
                    return ExitCode.OK;
                }
                for (String g : gone) {
                    out().println((dryRun ? "would delete " : "deleted ") + g);
                }
                out().println((dryRun ? "would delete " : "deleted ") + gone.size() + " object(s)");
            }
            return ExitCode.OK;
        }
    }

    /** {@code covet pitr restore}. */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Unpack a base backup into an empty data directory and configure recovery to a target time, LSN or transaction.",
                    "The directory is created with mode 0700 (0750 if the cluster allowed group access); run as "
                            + "root, it is given to the cluster owner recorded in the backup. A failed restore "
                            + "leaves nothing behind."})
    static final class Restore extends Base {
        @Parameters(paramLabel = "BASE_ID", defaultValue = "latest", description = "Base backup id (default: latest).")
        String id;

        @Option(names = "--data-dir", required = true, description = "A new or empty data directory; a non-empty "
                + "one is refused.")
        Path dataDir;

        @Option(names = "--target-time", paramLabel = "TIMESTAMPTZ",
                description = "Recover up to this time, e.g. '2026-11-27 05:30:00+00'. Default: all archived WAL.")
        String targetTime;

        @Option(names = "--target-lsn", paramLabel = "LSN",
                description = "Recover up to this WAL position, e.g. 0/3000148 (pg_current_wal_lsn()).")
        String targetLsn;

        @Option(names = "--target-xid", paramLabel = "XID",
                description = "Recover up to and including the commit of this transaction id (pg_current_xact_id()).")
        String targetXid;

        @Option(names = "--covet-command", defaultValue = "covet",
                description = "How PostgreSQL runs Covet (default: ${DEFAULT-VALUE}).")
        String covet;

        @Override
        int run() {
            RecoveryTarget target = target(); // refused before anything is read or written
            try (BackupRepository r = repo.open()) {
                String base = Pitr.restore(r, repo.key(), id, dataDir, target, self(covet, "wal-fetch") + " %f %p");
                if (json) {
                    json("baseBackup", base, "dataDir", dataDir.toString(), "target", target.toString(),
                            "mode", mode(), "owner", owner());
                    return ExitCode.OK;
                }
                out().println("restored base backup " + base + " into " + dataDir + " (" + modeAndOwner()
                        + "); recovery stops at " + target + ". Start PostgreSQL on it as " + owner()
                        + " to replay WAL.");
            }
            return ExitCode.OK;
        }

        private String modeAndOwner() {
            String mode = mode();
            return mode == null ? "owner " + owner() : "mode " + mode + ", owner " + owner();
        }

        /** The data directory's permissions in octal, e.g. 0700; null where the file system has none. */
        private String mode() {
            try {
                int mode = 0;
                for (java.nio.file.attribute.PosixFilePermission p : Files.getPosixFilePermissions(dataDir)) {
                    mode |= 1 << (8 - p.ordinal()); // the enum runs OWNER_READ … OTHERS_EXECUTE, high bit first
                }
                return String.format("%04o", mode);
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }

        private String owner() {
            try {
                return Files.getOwner(dataDir).getName();
            } catch (IOException e) {
                return "its owner";
            }
        }

        private RecoveryTarget target() {
            int given = (targetTime != null ? 1 : 0) + (targetLsn != null ? 1 : 0) + (targetXid != null ? 1 : 0);
            if (given > 1) {
                throw new IllegalArgumentException("give at most one of --target-time, --target-lsn, --target-xid");
            }
            if (targetTime != null) {
                return RecoveryTarget.time(targetTime);
            }
            if (targetLsn != null) {
                return RecoveryTarget.lsn(targetLsn);
            }
            return targetXid != null ? RecoveryTarget.xid(targetXid) : RecoveryTarget.latest();
        }
    }
}
