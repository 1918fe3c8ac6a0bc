package io.covet.backup;

import io.covet.core.Database;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * Scheduled backups: at each time of a {@link CronSchedule}, take a backup, verify it (by a test restore into a
 * temporary database of the same engine on the source's server, see {@link Backups#verifyByRestore}, or by chunk
 * checks) and apply the retention policy. A failed cycle is logged and the schedule goes on; only
 * {@link #runOnce} reports failure to its caller, for one-shot use from cron or CI.
 */
public final class BackupScheduler {
    /**
     * The outcome of one cycle.
     *
     * @param backup the backup taken, or null when taking it failed
     * @param verify its verification, or null when not verified
     * @param prune  what retention removed, or null when no policy is set or an earlier step failed
     * @param error  the failure, or null
     */
    public record Cycle(BackupInfo backup, VerifyReport verify, PruneReport prune, RuntimeException error) {
        /** Whether the backup was taken, verified intact (when asked) and pruning (when asked) succeeded. */
        public boolean ok() {
            return error == null && (verify == null || verify.intact());
        }
    }

    private final Database db;
    private final BackupRepository repo;
    private final BackupOptions options;
    private final VerifyReport.Mode verify;
    private final RetentionPolicy retention;
    private final Consumer<String> log;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    /**
     * @param verify    how to verify each new backup, or null not to
     * @param retention the policy applied after each good backup, or null to keep everything
     * @param log       receives one line per event
     */
    public BackupScheduler(Database db, BackupRepository repo, BackupOptions options, VerifyReport.Mode verify,
                           RetentionPolicy retention, Consumer<String> log) {
        this(db, repo, options, verify, retention, log, null);
    }

    /**
     * A scheduler that also records each cycle in {@code metrics}: the counter {@code covet.backup.cycles} tagged
     * {@code result=ok|verify_failed|failed}, and the timer {@code covet.backup.duration} of successful backups.
     */
    public BackupScheduler(Database db, BackupRepository repo, BackupOptions options, VerifyReport.Mode verify,
                           RetentionPolicy retention, Consumer<String> log,
                           io.micrometer.core.instrument.MeterRegistry metrics) {
        this.metrics = metrics;
        this.db = db;
        this.repo = repo;
        this.options = options;
        this.verify = verify;
        this.retention = retention;
        this.log = log;
    }

    /** Runs one cycle now. Never throws for a failed backup: the cycle carries the error. */
    public Cycle runOnce() {
        long start = System.nanoTime();
        Cycle c = cycle();
        if (metrics != null) {
            String result = c.error() != null ? "failed" : c.ok() ? "ok" : "verify_failed";
            metrics.counter("covet.backup.cycles", "result", result).increment();
            if (c.backup() != null) {
                metrics.timer("covet.backup.duration").record(Duration.ofNanos(System.nanoTime() - start));
            }
        }
        return c;
    }

    private Cycle cycle() {
        BackupInfo b = null;
        VerifyReport v = null;
        try {
            b = Backups.create(db, repo, options);
            log.accept("backup " + b.id() + " taken: " + b.tables().size() + " tables, " + b.rows() + " rows, "
                    + b.storedBytes() + " bytes");
            if (verify != null) {
                v = verify == VerifyReport.Mode.RESTORE ? Backups.verifyByRestore(repo, b.id(), options.key(), db)
                        : Backups.verify(repo, b.id(), options.key(), verify);
                log.accept("backup " + b.id() + (!v.intact() ? " FAILED verification: " + String.join("; ", v.problems())
                        : v.restored() ? " verified intact (restore) into " + v.restoredInto()
                        : " checksums verified, not restored (" + verify.name().toLowerCase() + ")"));
                if (!v.intact()) {
                    return new Cycle(b, v, null, null); // never prune after a bad backup
                }
            }
            PruneReport p = null;
            if (retention != null) {
                p = Backups.prune(repo, retention, false);
                log.accept("retention kept " + p.kept().size() + ", deleted " + p.deleted().size()
                        + (p.deleted().isEmpty() ? "" : " " + p.deleted()));
            }
            return new Cycle(b, v, p, null);
        } catch (RuntimeException e) {
            log.accept("backup cycle failed: " + e.getMessage());
            return new Cycle(b, v, null, e);
        }
    }

    /**
     * Runs a cycle at every time of {@code schedule} until the thread is interrupted or {@code maxCycles} cycles
     * ran (0 for no limit).
     *
     * @return the number of cycles that were not {@link Cycle#ok()}
     */
    public int runOn(CronSchedule schedule, ZoneId zone, int maxCycles) {
        return runOn(schedule, java.time.Clock.system(zone), maxCycles, Thread::sleep);
    }

    /** Waits; a test replaces it to run the loop without waiting for real minutes. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    int runOn(CronSchedule schedule, java.time.Clock clock, int maxCycles, Sleeper sleeper) {
        int failed = 0;
        for (int n = 0; maxCycles == 0 || n < maxCycles; n++) {
            ZonedDateTime next = schedule.next(ZonedDateTime.now(clock));
            log.accept("next backup at " + next);
            try {
                sleeper.sleep(Math.max(0, Duration.between(ZonedDateTime.now(clock), next).toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.accept("scheduler stopped");
                return failed;
            }
            if (!runOnce().ok()) {
                failed++;
            }
        }
        return failed;
    }
}
