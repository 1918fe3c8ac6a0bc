package io.covet.orm.audit;

import java.time.Instant;

/**
 * Which entries {@link AuditTrail#log(AuditFilter)} returns; every part is optional (null = any). Immutable.
 *
 * @param model a tracked table name
 * @param key   a row's primary key as text (see {@link AuditEntry#key()})
 * @param user  the {@code changed_by} user
 * @param since the earliest version start (inclusive)
 */
public record AuditFilter(String model, String key, String user, Instant since) {
    /** Every entry. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null);
    }
}
