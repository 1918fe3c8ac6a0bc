package io.covet.observe;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@link Observability} knows at one moment, for the status page and {@code /stats.json}: per database
 * its health, pool, counters, top shapes, recent slow queries and errors. Immutable; {@link #toJson()} writes it.
 * Contains no secret: no password, no bound value (unless values were opted in for the slow-query log).
 *
 * @param takenAt   when it was taken
 * @param databases one entry per instrumented database, in the order they were instrumented
 */
public record ObservabilitySnapshot(Instant takenAt, List<DatabaseSnapshot> databases) {
    /** Copies the list. */
    public ObservabilitySnapshot {
        databases = List.copyOf(databases);
    }

    /**
     * One database.
     *
     * @param name          the database's name
     * @param engine        its engine
     * @param health        its health (checked when the snapshot was taken)
     * @param statements    statements executed since observability started
     * @param errors        statements failed
     * @param shapes        the top shapes by {@link ShapeSort#TOTAL}, at most the snapshot's limit
     * @param slowQueries   the most recent slow queries, newest first
     * @param recentErrors  the most recent errors, newest first
     * @param openTransactions transactions open right now, oldest first
     */
    public record DatabaseSnapshot(String name, String engine, Health health, long statements, long errors,
                                   List<ShapeSnapshot> shapes, List<SlowQuery> slowQueries,
                                   List<RecentError> recentErrors, List<OpenTransaction> openTransactions) {
        /** Copies the lists. */
        public DatabaseSnapshot {
            shapes = List.copyOf(shapes);
            slowQueries = List.copyOf(slowQueries);
            recentErrors = List.copyOf(recentErrors);
            openTransactions = List.copyOf(openTransactions);
        }
    }

    /**
     * A transaction block open at the moment of the snapshot.
     *
     * @param name        the block's name ({@code TxOptions.name})
     * @param thread      the thread running it
     * @param openMillis  how long it has been open
     * @param attempt     its attempt number (1 unless retried)
     */
    public record OpenTransaction(String name, String thread, double openMillis, int attempt) {
    }

    /** The snapshot as JSON (field names as the record components; instants as ISO-8601 text). */
    public String toJson() {
        return Json.write(this);
    }
}
