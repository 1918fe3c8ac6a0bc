package io.covet.orm;

import java.time.Instant;

/**
 * One recorded version of a {@link History} model's row, from {@link Orm#history(Entity)}. Immutable.
 *
 * @param state      the tracked fields as this version had them (excluded fields are null or their default); for a
 *                   deletion, the row as it was deleted
 * @param validFrom  when the version began (database clock, see {@code docs/history.md})
 * @param validTo    when the next version began; null for the current one (or for a deletion that nothing
 *                   followed)
 * @param changeType {@code "+"} inserted, {@code "~"} updated, {@code "-"} deleted
 * @param changedBy  the user {@link Audit#as} named; null when the write ran without it
 * @param reason     the reason {@link Audit#as} gave; null when none
 * @param changeset  the writing unit of work's id (PostgreSQL's transaction id; elsewhere the id of the
 *                   {@code Audit.as} call, null without it)
 * @param <T>        the model
 */
public record Version<T extends Entity>(T state, Instant validFrom, Instant validTo, String changeType,
                                        String changedBy, String reason, String changeset) {
}
