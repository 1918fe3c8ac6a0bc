package io.covet.cli.backup;

import io.covet.backup.RetentionPolicy;
import picocli.CommandLine.Option;

/** The retention options of {@code prune} and {@code schedule}. */
public final class RetentionOptions {
    @Option(names = "--keep-last", defaultValue = "0", description = "Keep the newest N backups.")
    int last;

    @Option(names = "--keep-daily", defaultValue = "0", description = "Keep the newest backup of each of the last N days.")
    int daily;

    @Option(names = "--keep-weekly", defaultValue = "0", description = "Keep the newest backup of each of the last N weeks.")
    int weekly;

    @Option(names = "--keep-monthly", defaultValue = "0", description = "Keep the newest backup of each of the last N months.")
    int monthly;

    /** The policy, or null when no option was given. */
    RetentionPolicy policy() {
        return last + daily + weekly + monthly == 0 && last >= 0 && daily >= 0 && weekly >= 0 && monthly >= 0
                ? null : new RetentionPolicy(last, daily, weekly, monthly);
    }
}
