package io.covet.backup;

import io.covet.core.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackupSchedulerTest {
    @TempDir
    Path dir;

    @Test
    void eachCycleWaitsForTheCronTimeBacksUpVerifiesAndPrunes() throws Exception {
        List<String> log = new ArrayList<>();
        List<Long> sleeps = new ArrayList<>();
        try (Database db = Database.open("sqlite:" + dir.resolve("s.db"));
             BackupRepository repo = BackupRepository.open(dir.resolve("repo").toString())) {
            db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").execute();
            db.sql("INSERT INTO t (v) VALUES ('a'), ('b')").execute();
            BackupScheduler s = new BackupScheduler(db, repo, BackupOptions.defaults(), VerifyReport.Mode.RESTORE,
                    new RetentionPolicy(1, 0, 0, 0), log::add);
            Clock clock = Clock.fixed(Instant.parse("2026-11-27T05:59:30Z"), ZoneOffset.UTC);
            int failed = s.runOn(CronSchedule.parse("0 * * * *"), clock, 2, millis -> {
                sleeps.add(millis);
                Thread.sleep(1100); // backup ids carry their second
            });
            assertThat(failed).isZero();
            assertThat(sleeps).containsExactly(30_000L, 30_000L);
            assertThat(log).filteredOn(l -> l.startsWith("next backup at")).hasSize(2)
                    .allMatch(l -> l.contains("2026-11-27T06:00Z"));
            assertThat(log).filteredOn(l -> l.contains("verified intact (restore)")).hasSize(2);
            assertThat(log).anyMatch(l -> l.startsWith("retention kept 1, deleted 1"));
            assertThat(Backups.list(repo)).hasSize(1);

            // a cycle whose backup fails is logged and counted, and the loop goes on to the next time
            Database closed = Database.open("sqlite:" + dir.resolve("gone.db"));
            closed.close();
            io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            BackupScheduler broken = new BackupScheduler(closed, repo, BackupOptions.defaults(), null, null, log::add, metrics);
            assertThat(broken.runOn(CronSchedule.parse("0 * * * *"), clock, 2, millis -> { })).isEqualTo(2);
            assertThat(log).filteredOn(l -> l.startsWith("backup cycle failed")).hasSize(2);
            assertThat(metrics.counter("covet.backup.cycles", "result", "failed").count()).isEqualTo(2.0);
            BackupScheduler good = new BackupScheduler(db, repo, BackupOptions.defaults(), VerifyReport.Mode.FAST, null,
                    log::add, metrics);
            assertThat(good.runOnce().ok()).isTrue();
            assertThat(metrics.counter("covet.backup.cycles", "result", "ok").count()).isEqualTo(1.0);
            assertThat(metrics.timer("covet.backup.duration").count()).isEqualTo(1);
        }
    }
}
