package io.covet.schema;

import io.covet.core.dialect.Dialect;

import java.util.List;

/**
 * Renders the triggers that write a {@link HistoryTable}: after each insert, update and delete of a source row they
 * close the row's current version ({@code valid_to} = now) and insert the new one; an update that changes no
 * tracked column writes nothing. Timestamps come from the database clock in UTC; who and why come from what
 * {@code io.covet.orm.Audit} set for the transaction (null when nothing was set).
 *
 * <p>Per engine: PostgreSQL, one PL/pgSQL function and one {@code AFTER INSERT OR UPDATE OR DELETE} row trigger,
 * time {@code clock_timestamp()}, user from {@code current_setting('covet.user', true)}, transaction
 * {@code txid_current()}; MariaDB, three {@code AFTER} row triggers, time {@code UTC_TIMESTAMP(6)}, user from
 * {@code @covet_user}, transaction from {@code @covet_tx}, plus one {@code BEFORE DELETE} trigger on the table
 * referenced by each {@code ON DELETE CASCADE} / {@code SET NULL} foreign key of the source, which performs that
 * action with an ordinary statement (InnoDB's own action fires no trigger; a key referencing its own table is
 * refused with {@link io.covet.core.error.UnsupportedFeature}); PostgreSQL and SQLite fire the source's triggers for
 * the rows their foreign-key actions change, and need nothing more; SQLite, three {@code AFTER} triggers, time
 * {@code strftime('%Y-%m-%d %H:%M:%f','now')}, user and transaction from the one-row table
 * {@value #SQLITE_CONTEXT_TABLE}, which the triggers' creation makes if missing.
 */
public interface HistoryTriggers {
    /** SQLite: the table {@code Audit} fills inside a transaction and empties before it ends. */
    String SQLITE_CONTEXT_TABLE = "covet_history_context";

    /** The renderer for a dialect ({@link SchemaDdl#historyTriggers()} of its DDL renderer). */
    static HistoryTriggers of(Dialect dialect) {
        return SchemaDdl.of(dialect).historyTriggers();
    }

    /**
     * Statements that create the triggers (and PostgreSQL function) writing {@code history} for {@code source},
     * including the rows of {@code source} its foreign keys' {@code ON DELETE CASCADE} / {@code SET NULL} change.
     *
     * @throws io.covet.core.error.UnsupportedFeature on MariaDB for such a key referencing {@code source} itself
     */
    List<String> create(Table source, Table history);

    /**
     * Statements that drop the row triggers (and PostgreSQL function) of {@code source}; each is harmless when the
     * object is already gone. On MariaDB this misses the triggers {@link #create} made on the tables {@code source}'s
     * foreign keys reference: use {@link #drop(Table)} where the table is known.
     */
    List<String> drop(String source);

    /**
     * Statements that drop everything {@link #create} made for {@code source} as it is here (its foreign keys as
     * they were when the triggers were created): on MariaDB also the triggers on the tables its {@code ON DELETE
     * CASCADE} / {@code SET NULL} foreign keys reference, which act for the engine so that the history triggers see
     * those rows. Each statement is harmless when the object is already gone.
     */
    default List<String> drop(Table source) {
        return drop(source.name());
    }

    /**
     * Statements that drop what the triggers of every tracked table share (SQLite's {@value #SQLITE_CONTEXT_TABLE}),
     * for when the last tracked table's triggers go; nothing elsewhere.
     */
    default List<String> dropShared() {
        return List.of();
    }

    /**
     * Statements that make the current transaction's writes carry a user, a reason and a changeset id: their
     * {@code ?} parameters take, in order, as many of (user, reason, changeset) as they hold, each possibly null.
     * A statement starting with {@code SELECT} returns a row and must be run as a query. Run them inside the
     * transaction, before its writes; {@link #clearContext()} undoes them.
     */
    List<String> setContext();

    /**
     * The value to compare with {@code valid_from}/{@code valid_to} for an instant: a UTC
     * {@link java.time.LocalDateTime} on PostgreSQL and MariaDB, the text the SQLite triggers write elsewhere.
     */
    default Object timeValue(java.time.Instant instant) {
        return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    /**
     * A scalar SQL expression (for a SELECT list) that counts the tables named {@code table} where unqualified names
     * resolve: 0 when there is none. {@code table} is a plain lower-case identifier, not user input.
     */
    String tableCount(String table);

    /** Statements (without parameters) that remove what {@link #setContext()} set. */
    List<String> clearContext();
}
