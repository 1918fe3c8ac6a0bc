package io.covet.observe;

import java.time.Instant;
import java.util.List;

/**
 * One failed statement. Immutable; kept in a bounded list of the most recent ones ({@link Observability#recentErrors()}).
 * Holds no bound value: the driver's message can quote the offending value (a duplicate key, say), so only the
 * classification is kept.
 *
 * @param database       the database's name
 * @param fingerprint    the shape's fingerprint
 * @param sql            the statement text with {@code ?} placeholders
 * @param operation      {@code SELECT}, {@code INSERT}, …
 * @param tables         the tables it named, when known
 * @param errorType      the simple name of Covet's exception ({@code UniqueViolation}, {@code SqlSyntaxError}), or
 *                       of the exception when it is not one of Covet's
 * @param sqlState       the SQLSTATE the driver reported, or empty
 * @param durationMillis how long the failing execution took
 * @param at             when it failed
 */
public record RecentError(String database, String fingerprint, String sql, String operation, List<String> tables,
                          String errorType, String sqlState, double durationMillis, Instant at) {
    /** Copies the list. */
    public RecentError {
        tables = List.copyOf(tables);
    }
}
