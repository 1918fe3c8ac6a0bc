package io.covet.backup;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which backups to keep: the newest {@code last} ones, plus the newest backup of each of the newest {@code daily}
 * days, {@code weekly} ISO weeks and {@code monthly} months (UTC). Whatever the policy, the newest complete backup
 * is always kept, and an interrupted backup is removed only when it is more than a day old (it may still be
 * running). Immutable.
 *
 * @param last    backups kept regardless of age
 * @param daily   days for which the newest backup is kept
 * @param weekly  ISO weeks for which the newest backup is kept
 * @param monthly months for which the newest backup is kept
 */
public record RetentionPolicy(int last, int daily, int weekly, int monthly) {
    /** @throws BackupException (INVALID) when a count is negative or all are zero */
    public RetentionPolicy {
        if (last < 0 || daily < 0 || weekly < 0 || monthly < 0) {
            throw new BackupException(BackupException.Reason.INVALID, "retention counts must not be negative");
        }
        if (last + daily + weekly + monthly == 0) {
            throw new BackupException(BackupException.Reason.INVALID, "a retention policy must keep something: "
                    + "give --keep-last, --keep-daily, --keep-weekly or --keep-monthly");
        }
    }

    /** The ids to keep among {@code backups} (any order); every other id may be deleted. */
    public Set<String> keep(List<BackupInfo> backups, java.time.Instant now) {
        List<BackupInfo> complete = new ArrayList<>(backups.stream().filter(BackupInfo::complete).toList());
        complete.sort((a, b) -> b.id().compareTo(a.id())); // ids sort by creation time; newest first
        Set<String> keep = new LinkedHashSet<>();
        if (!complete.isEmpty()) {
            keep.add(complete.get(0).id());
        }
        for (int i = 0; i < Math.min(last, complete.size()); i++) {
            keep.add(complete.get(i).id());
        }
        bucket(complete, daily, d -> d.toString(), keep);
        bucket(complete, weekly, d -> d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), keep);
        bucket(complete, monthly, d -> d.getYear() + "-" + d.getMonthValue(), keep);
        for (BackupInfo b : backups) {
            if (!b.complete() && startedAt(b.id()).isAfter(now.minus(java.time.Duration.ofDays(1)))) {
                keep.add(b.id());
            }
        }
        return keep;
    }

    private static void bucket(List<BackupInfo> newestFirst, int count, Function<LocalDate, String> period,
                               Set<String> keep) {
        Set<String> seen = new HashSet<>();
        for (BackupInfo b : newestFirst) {
            if (seen.size() == count) {
                return;
            }
            if (seen.add(period.apply(LocalDate.ofInstant(b.createdAt(), ZoneOffset.UTC)))) {
                keep.add(b.id());
            }
        }
    }

    /** The time encoded in a backup id ({@code yyyyMMdd'T'HHmmss'Z'-xxxx}); the epoch when it has none. */
    static java.time.Instant startedAt(String id) {
        try {
            return java.time.LocalDateTime.parse(id.substring(0, 15),
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return java.time.Instant.EPOCH;
        }
    }
}
