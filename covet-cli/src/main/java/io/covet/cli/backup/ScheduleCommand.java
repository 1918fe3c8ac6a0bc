package io.covet.cli.backup;

import io.covet.backup.BackupOptions;
import io.covet.backup.BackupRepository;
import io.covet.backup.BackupScheduler;
import io.covet.backup.CronSchedule;
import io.covet.backup.VerifyReport;
import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code covet backup schedule}: a long-running process that backs up at every time of a cron expression, verifies
 * each backup by test restore and applies retention; with {@code --once}, one cycle now and an exit code (0 good,
 * 1 verification failed, 3 the backup failed).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Back up on a cron schedule, verify each backup by test restore, apply retention. "
                + "--once runs one cycle now and exits 0 (good), 1 (verification failed) or 3 (backup failed).")
final class ScheduleCommand extends BackupCommand.Base {
    @Mixin
    DatabaseOption database;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--cron", paramLabel = "EXPR", description = "Five-field cron expression, e.g. \"30 2 * * *\".")
    String cron;

    @Option(names = "--verify", defaultValue = "restore", paramLabel = "restore|fast|none",
            description = "How to verify each new backup (default: ${DEFAULT-VALUE}).")
    String verify;

    @Option(names = "--once", description = "Run one cycle now and exit with its result.")
    boolean once;

    @Option(names = "--max-runs", defaultValue = "0", description = "Stop after N cycles (0: run until stopped).")
    int maxRuns;

    @Override
    int run() {
        VerifyReport.Mode mode = switch (verify) {
            case "restore" -> VerifyReport.Mode.RESTORE;
            case "fast" -> VerifyReport.Mode.FAST;
            case "none" -> null;
            default -> throw new IllegalArgumentException("--verify must be restore, fast or none, was " + verify);
        };
        CronSchedule schedule = once ? null : CronSchedule.parse(cron == null ? "" : cron);
        BackupOptions options = BackupOptions.builder().key(repo.key()).build();
        try (Database db = database.open(); BackupRepository r = repo.openOrCreate()) {
            BackupScheduler scheduler = new BackupScheduler(db, r, options, mode, retention.policy(),
                    line -> {
                        out().println(Instant.now() + " " + line);
                        out().flush();
                    });
            if (once) {
                BackupScheduler.Cycle c = scheduler.runOnce();
                if (c.error() != null) {
                    err().println("covet: backup failed: " + c.error().getMessage());
                    return ExitCode.FAILURE;
                }
                if (!c.ok()) {
                    err().println("covet: backup " + c.backup().id() + " failed verification: "
                            + c.verify().problems().get(0));
                    return ExitCode.CHECK_FAILED;
                }
                out().println(c.backup().id());
                return ExitCode.OK;
            }
            int failed = scheduler.runOn(schedule, ZoneId.systemDefault(), maxRuns);
            return failed == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }
}
