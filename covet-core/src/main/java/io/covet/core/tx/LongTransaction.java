package io.covet.core.tx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A transaction that has stayed open longer than the database's long-transaction threshold, as reported to a
 * {@link LongTransactionListener}. Long transactions hold locks, keep old row versions alive (PostgreSQL
 * vacuum, InnoDB purge) and pin a pooled connection.
 *
 * @param database  the database's name
 * @param name      the outermost block's name
 * @param startedAt when the transaction began
 * @param age       how long it had been open when reported
 * @param thread    the name of the thread that began it
 * @param beganAt   the stack where it began, innermost frame first
 */
public record LongTransaction(String database, String name, Instant startedAt, Duration age, String thread,
                              List<StackTraceElement> beganAt) {
    /** Defensive copy of the stack. */
    public LongTransaction {
        beganAt = List.copyOf(beganAt);
    }

    /** A one-line summary without the stack. */
    public String summary() {
        return "transaction '" + name + "' on database '" + database + "' has been open for " + age.toMillis()
                + " ms (began " + startedAt + " on thread " + thread + ")";
    }
}
