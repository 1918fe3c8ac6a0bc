package io.covet.migrate;

/**
 * One migration as {@code showmigrations} lists it: applied or not, partially applied (operations done out of
 * all), and whether its file changed since it was applied.
 */
public record MigrationStatus(MigrationKey key, boolean applied, boolean partial, int opsDone, int opsTotal,
                              boolean edited, String appliedAt, String appliedBy) {
    @Override
    public String toString() {
        String mark = partial ? "[~]" : applied ? "[X]" : "[ ]";
        return mark + " " + key + (partial ? "  (partially applied: " + opsDone + " of " + opsTotal + " operations)" : "")
                + (edited ? "  (EDITED after it was applied)" : "");
    }
}
