package io.covet.migrate;

/** Operation ranges in messages, counted right at both ends ("operations 2..5", "operation 3", none). */
final class Ranges {
    private Ranges() {
    }

    /** {@code operations from..to}, {@code operation from}, or {@code none} when the range is empty. */
    static String of(int from, int to, String none) {
        if (from > to) {
            return none;
        }
        return from == to ? "operation " + from : "operations " + from + ".." + to;
    }

    /**
     * The two ways out of a migration of {@code n} operations of which the first {@code done} are applied: apply
     * the rest, or undo those (last first).
     */
    static String advice(int done, int n) {
        String resume = done < n ? "to apply " + of(done + 1, n, "") : "to record it as applied (every operation is in)";
        String rollback = done > 0 ? "to undo " + (done == 1 ? "operation 1" : "operations " + done + "..1")
                : "to forget it (no operation is in)";
        return "`covet migrate --resume` " + resume + ", or `covet migrate --rollback-partial` " + rollback
                + "; the target of that run then decides where it goes from there.";
    }
}
