package io.covet.observe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One statement that took longer than its database's slow-query threshold. Immutable; kept in a bounded list of
 * the most recent ones ({@link Observability#slowQueries()}) and logged through SLF4J.
 *
 * @param database       the database's name
 * @param fingerprint    the shape's fingerprint
 * @param sql            the statement text with {@code ?} placeholders
 * @param operation      {@code SELECT}, {@code INSERT}, …
 * @param tables         the tables it named, when known
 * @param durationMillis how long it took
 * @param rows           rows read or changed; -1 when unknown
 * @param caller         the first stack frame outside Covet ({@code com.shop.Orders.list(Orders.java:42)}), or
 *                       {@code unknown}
 * @param parameters     the bound values as shown: masked ({@code ***}) unless values were opted in
 * @param plan           the plan captured with {@code EXPLAIN} on a separate connection for a slow SELECT when
 *                       plan capture is on
 * @param at             when it finished
 */
public record SlowQuery(String database, String fingerprint, String sql, String operation, List<String> tables,
                        double durationMillis, long rows, String caller, List<String> parameters,
                        Optional<String> plan, Instant at) {
    /** Copies the lists. */
    public SlowQuery {
        tables = List.copyOf(tables);
        parameters = List.copyOf(parameters);
    }
}
