package io.covet.orm.audit;

import java.util.List;

/**
 * The result of {@link AuditTrail#verify()}. Immutable.
 *
 * @param entries   how many chain entries were checked
 * @param headHash  the last entry's hash (record it outside the database to detect a truncated chain); the
 *                  all-zero hash for an empty chain
 * @param unsealed  history rows not sealed yet (not protected until {@link AuditTrail#seal()} runs)
 * @param problems  each edited, deleted or inconsistent entry with its chain position, in chain order; empty when
 *                  the chain verifies
 */
public record Verification(long entries, String headHash, long unsealed, List<Problem> problems) {
    /** Copies the problems. */
    public Verification {
        problems = List.copyOf(problems);
    }

    /** Whether nothing sealed was edited or deleted. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * One finding.
     *
     * @param position the chain position (1 = first sealed entry)
     * @param message  what is wrong, naming the table and {@code history_id} where there is one
     */
    public record Problem(long position, String message) {
    }
}
