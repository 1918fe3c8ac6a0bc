package io.covet.schema;

import io.covet.core.dialect.Dialect;
import io.covet.schema.internal.MariaDbHistoryWrites;
import io.covet.schema.internal.PostgresHistoryWrites;
import io.covet.schema.internal.SqliteHistoryWrites;


/**
 * Renders the statements with which an application writes a history table itself ({@code History.Capture
 * .APPLICATION}, for databases where triggers are not allowed): the versions the triggers of {@link HistoryTriggers}
 * would write, set-based over a list of keys, read from the live table by {@code INSERT … SELECT}. Same columns and
 * rules as the triggers: the time is the database clock in UTC (never earlier than the version it closes), a
 * version closes when the next one of its key begins ({@code valid_to} = the new {@code valid_from}), an update that
 * changes no tracked column writes nothing, and an update of a row whose open version the same unit of work wrote
 * rewrites that version.
 *
 * <p>Per engine: PostgreSQL, {@code clock_timestamp()} and the unit of work {@code txid_current()}; MariaDB,
 * {@code UTC_TIMESTAMP(6)}; SQLite, {@code strftime('%Y-%m-%d %H:%M:%f','now')}; on those two the unit of work is a
 * bound changeset id (null outside one: no collapsing).
 */
public interface HistoryWrites {
    /** The renderer for a dialect. */
    static HistoryWrites of(Dialect dialect) {
        // only picks the per-dialect renderer
        return switch (dialect.family()) {
            case POSTGRESQL -> new PostgresHistoryWrites(dialect);
            case MARIADB -> new MariaDbHistoryWrites(dialect);
            default -> new SqliteHistoryWrites(dialect);
        };
    }

    /**
     * Whether the unit of work comes from the database ({@code txid_current()} on PostgreSQL): then the statements
     * take no changeset parameter.
     */
    boolean unitFromDatabase();

    /**
     * Rewrites, for {@code keyCount} keys, the open version that the current unit of work wrote to the live row's
     * values when they differ from it. Parameters: user, reason, the changeset (unless {@link #unitFromDatabase()}),
     * then the key values (every key column of the first key, then of the next, …).
     */
    String collapse(HistoryTarget t, int keyCount);

    /**
     * Inserts, for {@code keyCount} keys, a version of type {@code changeType} ({@code +}, {@code ~} or {@code -})
     * holding the live row's values; for {@code ~}, only where the live row differs from the key's open version (or
     * it has none). Parameters as {@link #collapse}.
     */
    String insertVersions(HistoryTarget t, char changeType, int keyCount);

    /**
     * Closes, for {@code keyCount} keys, every open version older than the key's newest open one, at the newest one's
     * start. Parameters: the key values.
     */
    String close(HistoryTarget t, int keyCount);
}
