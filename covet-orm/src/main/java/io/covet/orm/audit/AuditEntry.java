package io.covet.orm.audit;

import io.covet.orm.Version;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change in the cross-model audit log: one version of one row of a tracked table, with the fields it changed.
 * Immutable.
 *
 * @param model      the tracked (source) table
 * @param key        the row's primary key as text (several key columns joined by {@code ","})
 * @param historyId  the version's {@code history_id} in the model's history table
 * @param at         when the version began (database clock, UTC)
 * @param change     {@code "+"} insert, {@code "~"} update, {@code "-"} delete
 * @param user       who ({@code changed_by}; null when the write ran without attribution)
 * @param reason     why (null when none)
 * @param changeset  the unit of work (null when the engine records none)
 * @param changes    column → old and new value as text, for the columns this version changed (for a delete: every
 *                   non-null column, to null)
 */
public record AuditEntry(String model, String key, long historyId, Instant at, String change, String user,
                         String reason, String changeset, Map<String, Version.Change> changes) {
    /** Copies the changes, keeping their order. */
    public AuditEntry {
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }
}
