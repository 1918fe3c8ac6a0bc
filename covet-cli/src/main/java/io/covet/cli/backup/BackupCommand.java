package io.covet.cli.backup;

import io.covet.backup.BackupException;
import io.covet.backup.BackupInfo;
import io.covet.backup.BackupKey;
import io.covet.backup.BackupOptions;
import io.covet.backup.BackupRepository;
import io.covet.backup.Backups;
import io.covet.backup.PruneReport;
import io.covet.backup.RestoreReport;
import io.covet.backup.RetentionPolicy;
import io.covet.backup.VerifyReport;
import io.covet.backup.internal.Cleanup;
import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.cli.common.TerminalProgress;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.UnsupportedFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code covet backup …}: logical backups of PostgreSQL, MariaDB and SQLite. Exit codes: 0 success; 1 a verified
 * backup is damaged; 2 bad input (unknown id, damaged backup on restore, wrong or missing key, non-empty target,
 * bad option); 3 runtime failure (server or storage).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Take, list, verify, restore, prune and schedule encrypted, compressed logical backups.",
        subcommands = {BackupCommand.Create.class, BackupCommand.ListBackups.class, BackupCommand.Verify.class,
                BackupCommand.Restore.class, BackupCommand.Prune.class, ScheduleCommand.class})
public final class BackupCommand {

    /** Base for the subcommands: output streams and error handling. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RepoOptions repo;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Override
        public final Integer call() {
            try {
                return run();
            } catch (BackupException e) {
                return Output.fail(err(), e);
            }
        }

        abstract int run();
    }

    /** {@code covet backup create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Back up every table of the database; prints the backup id on the last line.")
    static final class Create extends Base {
        @Mixin
        DatabaseOption database;

        @Option(names = "--jobs", defaultValue = "1", description = "Tables dumped in parallel (PostgreSQL only).")
        int jobs;

        @Option(names = "--schema", split = ",", paramLabel = "NAME", description = "PostgreSQL: the schemas to "
                + "back up (repeat or comma-separate); default every schema but the system ones, or the URL's "
                + "currentSchema when it names one.")
        List<String> schemas = new java.util.ArrayList<>();

        @Option(names = "--skip", split = ",", paramLabel = "OBJECT", description = "An object to leave out (repeat "
                + "or comma-separate); listed by the backup and by its restore. PostgreSQL: a table or view "
                + "(schema.name), e.g. one that uses a schema not backed up. MariaDB, SQLite: a table, view, "
                + "trigger, routine or event (a table's triggers go with it).")
        List<String> skip = new java.util.ArrayList<>();

        @Option(names = "--schema-source", paramLabel = "SOURCE", defaultValue = "native-tool", description = "Where "
                + "the schema for a restore into the same engine comes from: native-tool (default: pg_dump when "
                + "installed, else Covet's catalog reader; SHOW CREATE; sqlite_master), catalog (PostgreSQL: "
                + "Covet's pg_catalog reader, without pg_dump) or portable (Covet's portable schema alone).")
        String schemaSource;

        @Option(names = "--physical", description = "SQLite only: a page copy of the file through the online "
                + "backup API instead of a logical backup (restore it with restore --to-file).")
        boolean physical;

        @Option(names = "--from-replica", description = "PostgreSQL: read the backup from the first replica that "
                + "serves reads (a hot standby's snapshot is as consistent as the primary's), not from the primary.")
        boolean fromReplica;

        @Option(names = "--no-encryption", description = "Store the backup unencrypted on purpose: silences the "
                + "warning printed when no key is given. Cannot be combined with --key-file or COVET_BACKUP_KEY.")
        boolean noEncryption;

        @Override
        int run() {
            BackupKey key = repo.key();
            if (noEncryption && key != null) {
                throw new BackupException(BackupException.Reason.INVALID, "--no-encryption contradicts the key given "
                        + (repo.keyFile != null ? "with --key-file" : "in COVET_BACKUP_KEY") + "; drop one of them");
            }
            if (physical) {
                try (Database db = database.open(); BackupRepository r = repo.openOrCreate()) {
                    warnIfUnencrypted(key);
                    out().println(io.covet.backup.SqlitePhysical.backup(db, r, key));
                } catch (UnsupportedFeature e) {
                    err().println("covet: " + e.getMessage());
                    return ExitCode.USAGE;
                }
                return ExitCode.OK;
            }
            BackupOptions.Builder options = BackupOptions.builder().key(key).jobs(jobs).schemas(schemas).skip(skip)
                    .fromReplica(fromReplica)
                    .schemaSource(switch (schemaSource) {
                        case "native-tool" -> BackupOptions.SchemaSource.NATIVE_TOOL;
                        case "catalog" -> BackupOptions.SchemaSource.CATALOG;
                        case "portable" -> BackupOptions.SchemaSource.PORTABLE;
                        default -> throw new BackupException(BackupException.Reason.INVALID, "--schema-source "
                                + schemaSource + " is none of native-tool, catalog, portable; nothing was written");
                    });
            Output.Progress progress = new Output.Progress(out(), json);
            options.listener(progress::update);
            try (Database db = database.open(); BackupRepository r = repo.openOrCreate()) {
                warnIfUnencrypted(key);
                BackupInfo b;
                try {
                    b = Backups.create(db, r, options.build());
                } catch (UnsupportedFeature e) {
                    err().println("covet: " + e.getMessage());
                    return ExitCode.USAGE;
                } finally {
                    progress.done();
                }
                if (json) {
                    out().println(Output.json(Output.map(b)));
                } else {
                    out().printf("backed up %d tables, %d rows, %s stored%s%n", b.tables().size(), b.rows(),
                            Output.bytes(b.storedBytes()), b.encrypted() ? ", encrypted" : "");
                    if (!b.notCarried().isEmpty()) {
                        out().println("not in this backup (recreate by hand): " + String.join(", ", b.notCarried()));
                    }
                    out().println(b.id());
                }
            }
            return ExitCode.OK;
        }

        /** One line on stderr, also under --json (whose output is on stdout), unless --no-encryption. */
        private void warnIfUnencrypted(BackupKey key) {
            if (key == null && !noEncryption) {
                err().println("covet: warning: this backup is not encrypted (no --key-file or COVET_BACKUP_KEY; "
                        + "--no-encryption silences this)");
            }
        }
    }

    /** {@code covet backup list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the backups in a repository.")
    static final class ListBackups extends Base {
        @Override
        int run() {
            try (BackupRepository r = repo.open()) {
                List<BackupInfo> all = Backups.list(r);
                if (json) {
                    out().println(Output.json(all.stream().map(Output::map).toList()));
                    return ExitCode.OK;
                }
                if (all.isEmpty()) {
                    out().println("no backups in " + r.location());
                }
                for (BackupInfo b : all) {
                    out().println(b.complete()
                            ? String.format("%s  %-10s %3d tables %10d rows %10s%s", b.id(), b.engine(),
                            b.tables().size(), b.rows(), Output.bytes(b.storedBytes()), b.encrypted() ? "  encrypted" : "")
                            : b.id() + "  INCOMPLETE (interrupted; prune removes it)");
                }
            }
            return ExitCode.OK;
        }
    }

    /** {@code covet backup verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a backup: exit 0 when intact, 1 when not. By default restores it into a scratch "
                    + "database and compares row counts and checksums; --fast only checks and decodes every chunk.")
    static final class Verify extends Base {
        @Parameters(paramLabel = "ID", description = "The backup id.")
        String id;

        @Option(names = "--fast", description = "Only check chunk hashes, decryption and checksums (no restore).")
        boolean fast;

        @Option(names = {"--restore-into", "--scratch"}, paramLabel = "URL",
                description = "Empty database of the backup's engine to test-restore into. Default: a temporary "
                        + "file for a SQLite backup; for PostgreSQL/MariaDB a temporary database (__covet_verify_…) "
                        + "created on the --database server and dropped afterwards, where its user may create "
                        + "databases; otherwise the backup is only checksum-verified, not restored.")
        String scratch;

        @Option(names = {"-d", "--database"}, paramLabel = "URL", description = "A PostgreSQL/MariaDB server (any "
                + "database on it, e.g. the backup's source) to create the temporary database on. Default: the "
                + "configured 'default' database when it is of the backup's engine.")
        String server;

        @Override
        int run() {
            VerifyReport v;
            try (BackupRepository r = repo.open();
                 TerminalProgress bar = TerminalProgress.start("verify " + id, -1, json)) {
                // one step per table decoded and checked; the test restore that follows is one note
                BackupOptions.ProgressListener progress = (table, index, count, rows) -> {
                    bar.update(index + 1, count);
                    bar.note(table + ": " + rows + " rows" + (index + 1 == count && !fast ? "; test restore" : ""));
                };
                v = fast || scratch != null ? Backups.verify(r, id, repo.key(),
                        fast ? VerifyReport.Mode.FAST : VerifyReport.Mode.RESTORE, scratch, progress)
                        : byRestore(r, progress);
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", v.backupId());
                m.put("mode", v.mode().name().toLowerCase());
                m.put("intact", v.intact());
                m.put("restored", v.restored());
                m.put("tables", v.tables());
                m.put("rows", v.rows());
                m.put("problems", v.problems());
                if (v.notRestored() != null) {
                    m.put("notRestored", v.notRestored());
                }
                out().println(Output.json(m));
            } else if (v.intact() && v.restored()) {
                out().printf("backup %s is intact: %d tables, %d rows checked (test restore into %s)%n", id,
                        v.tables(), v.rows(), v.restoredInto());
            } else if (v.intact()) {
                out().printf("backup %s: checksums verified, not restored: %d tables, %d rows decoded%s%n", id,
                        v.tables(), v.rows(), fast ? "" : " (" + (v.notRestored() == null ? ""
                                : v.notRestored() + "; ") + "give --restore-into URL to restore it)");
            }
            if (!v.intact()) {
                err().println("covet: backup " + id + " is damaged: " + v.problems().get(0)
                        + (v.problems().size() > 1 ? " (and " + (v.problems().size() - 1) + " more)" : ""));
                return ExitCode.CHECK_FAILED;
            }
            return ExitCode.OK;
        }

        /**
         * A restore check without a scratch URL: into a temporary database on the server given (or configured)
         * when it is a PostgreSQL/MariaDB server, else as {@link Backups#verify} does (a temporary file for a
         * SQLite backup, checksums only for the others).
         */
        private VerifyReport byRestore(BackupRepository r, BackupOptions.ProgressListener progress) {
            DatabaseConfig config = server != null ? DatabaseConfig.builder("default").url(server).build()
                    : io.covet.core.CovetConfiguration.discover().database("default").orElse(null);
            if (config == null || config.url().isEmpty() || config.url().get().engine().embedded()) {
                return Backups.verify(r, id, repo.key(), VerifyReport.Mode.RESTORE, null, progress);
            }
            try (Database db = Database.open(config)) {
                return Backups.verifyByRestore(r, id, repo.key(), db, progress);
            }
        }
    }

    /** {@code covet backup restore}. */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Restore a backup into an empty database of any engine, all or nothing.",
                    "A SQLite file that does not exist is created, and removed again if the restore fails."})
    static final class Restore extends Base {
        @Parameters(paramLabel = "ID", description = "The backup id.")
        String id;

        @Mixin
        DatabaseOption database;

        @Option(names = "--clean", description = "Replace the backup's tables when the target is not empty.")
        boolean clean;

        @Option(names = "--to-file", paramLabel = "PATH", description = "For a --physical SQLite backup: the new "
                + "database file to write.")
        java.nio.file.Path toFile;

        @Option(names = "--skip-native-objects", description = "Into another engine than the backup's: leave out "
                + "what is written in the source engine's SQL (views, triggers, check constraints, partial and "
                + "expression indexes) instead of refusing; they are listed as warnings.")
        boolean skipNativeObjects;

        @Override
        int run() {
            if (toFile != null) {
                try (BackupRepository r = repo.open()) {
                    io.covet.backup.SqlitePhysical.restore(r, id, repo.key(), toFile);
                }
                out().println("restored " + id + " to " + toFile);
                return ExitCode.OK;
            }
            DatabaseConfig config = database.config();
            java.util.Optional<java.nio.file.Path> fresh = DatabaseOption.missingSqliteFile(config);
            try (BackupRepository r = repo.open()) {
                if (fresh.isPresent() && Backups.list(r).stream().noneMatch(b -> b.id().equals(id))) {
                    // the library's own message, before a file is created for nothing
                    throw new BackupException(BackupException.Reason.NOT_FOUND, "no backup '" + id + "' in "
                            + r.location() + "; `covet backup list` shows the ids there");
                }
                // A new SQLite file exists only once the restore succeeded: any failure, or Ctrl-C, removes it.
                try (Cleanup undo = fresh.map(Cleanup::sqlite).orElse(null)) {
                    int exit = restore(r, config);
                    if (exit == ExitCode.OK && undo != null) {
                        undo.keep();
                    }
                    return exit;
                }
            }
        }

        private int restore(BackupRepository r, DatabaseConfig config) {
            try (Database db = Database.open(config);
                 TerminalProgress bar = TerminalProgress.start("restore " + id, -1, json)) {
                if (bar.visible()) {
                    // the table count, for a bar with an end (only looked up when one is drawn)
                    Backups.list(r).stream().filter(b -> b.id().equals(id)).findFirst()
                            .ifPresent(b -> bar.update(0, b.tables().size()));
                }
                int[] tablesDone = {0};
                RestoreReport rep;
                try {
                    rep = Backups.restore(r, id, repo.key(), db, io.covet.backup.RestoreOptions.builder().clean(clean)
                            .skipNativeObjects(skipNativeObjects).log(line -> {
                                // one line per table restored
                                bar.update(++tablesDone[0], -1);
                                bar.note(line);
                                if (!json) {
                                    out().println(line);
                                }
                            }).build());
                } catch (UnsupportedFeature e) {
                    err().println("covet: " + e.getMessage());
                    return ExitCode.USAGE;
                }
                for (String w : rep.warnings()) {
                    err().println("covet: warning: " + w);
                }
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rep.backupId());
                    m.put("tables", rep.tables());
                    m.put("rows", rep.rows());
                    m.put("warnings", rep.warnings());
                    out().println(Output.json(m));
                } else {
                    out().printf("restored backup %s: %d tables, %d rows%n", id, rep.tables().size(), rep.rows());
                }
            }
            return ExitCode.OK;
        }
    }

    /** {@code covet backup prune}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete the backups a retention policy does not keep; the newest good backup always stays.")
    static final class Prune extends Base {
        @Mixin
        RetentionOptions retention;

        @Option(names = "--dry-run", description = "Show what would be deleted, delete nothing.")
        boolean dryRun;

        @Override
        int run() {
            RetentionPolicy policy = retention.policy();
            if (policy == null) {
                throw new BackupException(BackupException.Reason.INVALID, "prune needs a policy: give --keep-last, "
                        + "--keep-daily, --keep-weekly or --keep-monthly");
            }
            try (BackupRepository r = repo.open()) {
                PruneReport p = Backups.prune(r, policy, dryRun);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kept", p.kept());
                    m.put("deleted", p.deleted());
                    m.put("dryRun", p.dryRun());
                    out().println(Output.json(m));
                } else {
                    for (String id : p.deleted()) {
                        out().println((dryRun ? "would delete " : "deleted ") + id);
                    }
                    out().printf("kept %d backup(s), %s %d%n", p.kept().size(), dryRun ? "would delete" : "deleted",
                            p.deleted().size());
                }
            }
            return ExitCode.OK;
        }
    }
}
