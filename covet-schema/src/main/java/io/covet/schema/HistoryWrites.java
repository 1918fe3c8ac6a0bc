package io.covet.schema;

import io.covet.core.dialect.Dialect;
import io.covet.schema.internal.MariaDbHistoryWrites;
import io.covet.schema.internal.PostgresHistoryWrites;
import io.covet.schema.internal.SqliteHistoryWrites;

import java.util.List;
import java.util.Objects;


/**
 * Renders the statement with which an application writes a history table itself ({@code History.Capture
 * .APPLICATION}, for databases where triggers are not allowed): the versions the triggers of {@link HistoryTriggers}
 * would write, set-based over a list of keys, read from the live table. Same columns and rules as the triggers: the
 * time is the database clock in UTC (never earlier than the version it closes), a version closes when the next one
 * of its key begins ({@code valid_to} = the new {@code valid_from}), an update that changes no tracked column writes
 * nothing, and an update of a row whose open version the same unit of work wrote rewrites that version.
 *
 * <p>All of it — rewriting the unit's own version, inserting the new version, closing the previous one — is
 * <b>one statement</b>, so one round trip: on PostgreSQL data-modifying {@code WITH} clauses; on MariaDB and SQLite
 * one {@code INSERT … SELECT} whose rows for existing versions (the one to close, the one to rewrite) hit their
 * primary key and update it ({@code ON DUPLICATE KEY UPDATE} / {@code ON CONFLICT … DO UPDATE}).
 *
 * <p>Per engine: PostgreSQL, {@code clock_timestamp()} and the unit of work {@code txid_current()}; MariaDB,
 * {@code UTC_TIMESTAMP(6)}; SQLite, {@code strftime('%Y-%m-%d %H:%M:%f','now')}; on those two the unit of work is a
 * bound changeset id (null outside one: no rewriting).
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
     * Whether the unit of work comes from the database ({@code txid_current()} on PostgreSQL): then the changeset
     * is not used, and every transaction is a unit of work.
     */
    boolean unitFromDatabase();

    /**
     * One statement, with its parameters in order.
     *
     * @param sql        the SQL text
     * @param parameters the values to bind
     */
    record Statement(String sql, List<Object> parameters) {
        /** Copies the parameters (which may hold nulls). */
        public Statement {
            Objects.requireNonNull(sql, "sql");
            parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        }
    }

    /**
     * The statement that records, for {@code keys}, a version of type {@code changeType} ({@code +}, {@code ~} or
     * {@code -}) holding the live row's values, and closes the key's previous open version at the new one's start.
     * For {@code ~}: nothing for a key whose live row equals its open version; and when {@code rewrite} is true, a
     * key whose open version was written by the current unit of work ({@code changeset}, or the PostgreSQL
     * transaction) has that version rewritten to the live values, user and reason instead (its start kept).
     * {@code rewrite} may be false only when the caller knows the unit wrote no version of these keys yet (it then
     * saves the statement that work); it is ignored for {@code +} and {@code -}.
     *
     * @param keys      the keys, each a list of one value per key column in {@link HistoryTarget#keys()} order; at
     *                  most a few hundred (every value is a bound parameter)
     * @param user      {@code changed_by}, may be null
     * @param reason    {@code change_reason}, may be null
     * @param changeset the unit of work's id where the database gives none ({@link #unitFromDatabase()} false);
     *                  null outside one (then nothing is rewritten)
     */
    Statement versions(HistoryTarget t, char changeType, List<List<Object>> keys, String user, String reason,
                       String changeset, boolean rewrite);

    /**
     * Where the engine can ({@code PostgreSQL}): {@code update} — an {@code UPDATE} of {@code t}'s source table
     * without {@code RETURNING}, with its parameters — and the {@code ~} versions of the rows it updates, as one
     * statement that returns one row and column, the number of rows updated. Same versions as running the UPDATE
     * then {@link #versions} of the rows it updated with {@code rewrite} true, one round trip fewer. Elsewhere
     * empty: run them one after the other.
     */
    java.util.Optional<Statement> updateWithVersions(HistoryTarget t, String update, List<Object> updateParameters,
                                                     String user, String reason, String changeset);
}
