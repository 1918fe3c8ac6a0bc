package io.covet.backup;

import java.util.List;

/**
 * What a prune kept and deleted.
 *
 * @param kept    ids kept, newest first
 * @param deleted ids deleted (or, in a dry run, that would be)
 * @param dryRun  whether nothing was actually deleted
 */
public record PruneReport(List<String> kept, List<String> deleted, boolean dryRun) {
}
