package io.covet.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPolicyTest {
    static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    static BackupInfo backup(String time, boolean complete) {
        Instant t = Instant.parse(time);
        return new BackupInfo(ID.format(t) + "-0000", complete ? t : null, "sqlite", "3", List.of("t"), 1, 1, false, complete);
    }

    /** Two backups a day at 01:00 and 13:00 for 70 days back from NOW. */
    static List<BackupInfo> history() {
        List<BackupInfo> all = new ArrayList<>();
        for (int d = 70; d >= 1; d--) {
            Instant day = NOW.minusSeconds(86400L * d);
            all.add(backup(day.atZone(ZoneOffset.UTC).withHour(1).toInstant().toString(), true));
            all.add(backup(day.atZone(ZoneOffset.UTC).withHour(13).toInstant().toString(), true));
        }
        return all;
    }

    @Test
    void keepsLastDailyWeeklyMonthly() {
        List<BackupInfo> all = history();
        assertThat(new RetentionPolicy(3, 0, 0, 0).keep(all, NOW)).containsExactlyInAnyOrder(
                all.get(139).id(), all.get(138).id(), all.get(137).id());
        // 7 daily: the 13:00 backup of each of the last 7 days
        assertThat(new RetentionPolicy(0, 7, 0, 0).keep(all, NOW)).hasSize(7)
                .allSatisfy(id -> assertThat(id).contains("T130000Z"));
        // 3 monthly: November, October, September 2026, each its newest backup
        assertThat(new RetentionPolicy(0, 0, 0, 3).keep(all, NOW)).containsExactlyInAnyOrder(
                "20261126T130000Z-0000", "20261031T130000Z-0000", "20260930T130000Z-0000");
        assertThat(new RetentionPolicy(0, 0, 4, 0).keep(all, NOW)).hasSize(4);
        assertThat(new RetentionPolicy(2, 7, 4, 3).keep(all, NOW)).hasSize(2 + 7 + 4 + 3 - 1 - 1 - 1 - 1);
    }

    @Test
    void theNewestCompleteBackupIsKeptAndRecentIncompleteOnesWait() {
        List<BackupInfo> all = new ArrayList<>(List.of(
                backup("2026-11-20T00:00:00Z", true),
                backup("2026-11-25T00:00:00Z", false),   // interrupted two days ago: removable
                backup("2026-11-27T11:30:00Z", false))); // may still be running
        assertThat(new RetentionPolicy(0, 0, 0, 1).keep(all, NOW))
                .containsExactlyInAnyOrder(all.get(0).id(), all.get(2).id());
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0, 0)).hasMessageContaining("must keep something");
    }
}
