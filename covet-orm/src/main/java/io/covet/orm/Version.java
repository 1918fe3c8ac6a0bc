package io.covet.orm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
 * @param fields     the tracked fields (Java names, model order; excluded fields absent) with this version's values
 * @param <T>        the model
 */
public record Version<T extends Entity>(T state, Instant validFrom, Instant validTo, String changeType,
                                        String changedBy, String reason, String changeset,
                                        Map<String, Object> fields) {

    /** Copies {@code fields} (null values allowed) into an unmodifiable map in the given order. */
    public Version {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * One field's value before and after a change.
     *
     * @param before the value in the earlier version (null also when there was none)
     * @param after  the value in this version
     */
    public record Change(Object before, Object after) {
    }

    /**
     * The tracked fields whose value differs from {@code previous} (decimals compared by value), in field order;
     * with {@code previous} null (the first version), every field with a non-null value, from null.
     */
    public Map<String, Change> diff(Version<T> previous) {
        Map<String, Change> out = new LinkedHashMap<>();
        fields.forEach((name, now) -> {
            Object before = previous == null ? null : previous.fields().get(name);
            if (!same(before, now)) {
                out.put(name, new Change(before, now));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }
}
