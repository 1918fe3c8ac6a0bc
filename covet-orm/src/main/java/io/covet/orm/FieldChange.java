package io.covet.orm;

import java.time.Instant;

/**
 * A recorded change of one field of one row, from {@link Orm#whoChanged(Entity, String)}. Immutable.
 *
 * @param field     the field's Java name
 * @param before    its value before the change (null for the row's first version)
 * @param after     its value after it (for a deletion, the value the row had when deleted)
 * @param at        when the changing version began (database clock)
 * @param changedBy who, as {@link Audit#as} named them (null without it)
 * @param reason    why (null without one)
 * @param changeset the unit of work's id (see {@link Version#changeset()})
 */
public record FieldChange(String field, Object before, Object after, Instant at, String changedBy, String reason,
                          String changeset) {
}
