package io.covet.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a history table that keeps every version of the rows of a tracked table: a nullable copy of each
 * tracked column (no constraints, no foreign keys, no defaults), then {@value #HISTORY_ID} (auto primary key),
 * {@value #VALID_FROM}, {@value #VALID_TO} (null for the current version), {@value #CHANGE_TYPE} ({@code +}
 * insert, {@code ~} update, {@code -} delete), {@value #CHANGED_BY}, {@value #CHANGE_REASON} and
 * {@value #TXID} (the writing transaction where the engine names one), with one index on the source's primary-key
 * columns, {@value #VALID_FROM} and {@value #VALID_TO} for as-of lookups and for finding a key's open version.
 *
 * <p>Timestamps are UTC wall-clock values without zone ({@link ColumnType.Kind#TIMESTAMP}) on every engine.
 * A table is recognised as the history of another by its bookkeeping columns and the as-of index named after
 * the source table ({@link #asOfIndexName(String)}), so the schema state alone says which tables are tracked.
 */
public final class HistoryTable {
    /** The history row's own key. */
    public static final String HISTORY_ID = "history_id";
    /** When the version began (UTC). */
    public static final String VALID_FROM = "valid_from";
    /** When the version ended (UTC); null while current. */
    public static final String VALID_TO = "valid_to";
    /** {@code +}, {@code ~} or {@code -}. */
    public static final String CHANGE_TYPE = "change_type";
    /** The user {@code Audit.as} named; null when none. */
    public static final String CHANGED_BY = "changed_by";
    /** The reason {@code Audit.as} gave; null when none. */
    public static final String CHANGE_REASON = "change_reason";
    /** The transaction that wrote the version, where known. */
    public static final String TXID = "txid";
    /** The bookkeeping columns, in table order. */
    public static final List<String> BOOKKEEPING = List.of(HISTORY_ID, VALID_FROM, VALID_TO, CHANGE_TYPE, CHANGED_BY,
            CHANGE_REASON, TXID);
    /**
     * The table where a prune of the history records, per history table, the instant before which versions were
     * deleted ({@code history_table}, {@code pruned_before} as ISO-8601 text, {@code marker} the chain entry):
     * {@code asOf} an earlier instant is refused. Created by the migration operation that creates a history table
     * or its triggers ({@link #horizonDdl}), and by the first prune of a database migrated before that; outside the
     * migrations' state, never dropped by Covet, and left out like the migrations table wherever the schema is
     * compared or generated (drift, {@code inspectdb}).
     */
    public static final String HORIZON_TABLE = "covet_history_horizon";
    private static final int MAX_NAME = 63;

    private HistoryTable() {
    }

    /**
     * The statement that creates {@value #HORIZON_TABLE} when it is missing (harmless when it exists). A history
     * migration runs it so that {@code asOf} finds the table and reads a prune point by primary key instead of
     * looking the table up in the engine's catalog.
     */
    public static String horizonDdl(io.covet.core.dialect.Dialect d) {
        return "CREATE TABLE IF NOT EXISTS " + d.quote(HORIZON_TABLE) + " (" + d.quote("history_table")
                + " VARCHAR(200) NOT NULL PRIMARY KEY, " + d.quote("pruned_before") + " VARCHAR(40) NOT NULL, "
                + d.quote("marker") + " BIGINT NOT NULL)";
    }

    /**
     * The history table of {@code source} named {@code name}, copying the columns named in {@code tracked}
     * (which must include the primary key).
     *
     * @throws IllegalArgumentException when a tracked column is missing from the source, the key is not
     *                                  tracked, or a tracked column is named like a bookkeeping column
     */
    public static Table of(Table source, String name, List<String> tracked) {
        return of(source, name, tracked, false);
    }

    /**
     * {@link #of(Table, String, List)}, for a history that the application writes instead of triggers when
     * {@code application} is true: the same table, with its as-of index named {@link #applicationIndexName} so that
     * the schema state alone tells that no triggers belong to it.
     */
    public static Table of(Table source, String name, List<String> tracked, boolean application) {
        if (source.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("table " + source.name() + " has no primary key; history needs one to "
                    + "chain the versions of a row");
        }
        if (!tracked.containsAll(source.primaryKey())) {
            throw new IllegalArgumentException("the history of " + source.name() + " must track its primary key "
                    + source.primaryKey());
        }
        List<Column> cols = new ArrayList<>();
        for (Column c : source.columns()) {
            if (!tracked.contains(c.name())) {
                continue;
            }
            if (BOOKKEEPING.contains(c.name())) {
                throw new IllegalArgumentException("table " + source.name() + " has a column " + c.name()
                        + ", which its history table uses for bookkeeping; rename the column or exclude it from "
                        + "the history");
            }
            cols.add(new Column(c.name(), c.type(), true, null, false));
        }
        for (String t : tracked) {
            source.requireColumn(t);
        }
        cols.add(Column.autoIncrement(HISTORY_ID, ColumnType.of(ColumnType.Kind.BIGINT)));
        cols.add(Column.of(VALID_FROM, ColumnType.of(ColumnType.Kind.TIMESTAMP)));
        cols.add(Column.nullable(VALID_TO, ColumnType.of(ColumnType.Kind.TIMESTAMP)));
        cols.add(Column.of(CHANGE_TYPE, ColumnType.fixedChar(1)));
        cols.add(Column.nullable(CHANGED_BY, ColumnType.varchar(255)));
        cols.add(Column.nullable(CHANGE_REASON, ColumnType.varchar(1000)));
        cols.add(Column.nullable(TXID, ColumnType.varchar(64)));
        List<String> idx = new ArrayList<>(source.primaryKey());
        idx.add(VALID_FROM);
        // valid_to too, though no lookup seeks on it: whether a version is open (the triggers' close) is then read
        // from the index entry, and only the open version's row is fetched instead of every version of the key
        // (likewise whether it was visible at t, where the engine tests asOf's OR on the index: SQLite)
        idx.add(VALID_TO);
        return new Table(name, cols, List.of(HISTORY_ID), List.of(), List.of(),
                List.of(Index.of(application ? applicationIndexName(source.name()) : asOfIndexName(source.name()),
                        idx)), List.of());
    }

    /**
     * The as-of index of a history that the application writes ({@code History.Capture.APPLICATION}):
     * {@code <source>_hist_asof_app}, cut like {@link #asOfIndexName}. Its name is the state's record of the capture
     * mode: such a history table gets no triggers.
     */
    public static String applicationIndexName(String sourceTable) {
        return shortName(sourceTable + "_hist_asof_app");
    }

    /** Whether {@code history}, a history table of {@code sourceTable}, is written by the application (no triggers). */
    public static boolean writtenByApplication(Table history, String sourceTable) {
        return history.index(applicationIndexName(sourceTable)).isPresent();
    }

    private static boolean indexedFor(Table history, String sourceTable) {
        return history.index(asOfIndexName(sourceTable)).isPresent() || writtenByApplication(history, sourceTable);
    }

    /**
     * The name of the as-of index of the history of {@code sourceTable}: {@code <source>_hist_asof}, cut to 63
     * characters with a hash of the full name when longer.
     */
    public static String asOfIndexName(String sourceTable) {
        return shortName(sourceTable + "_hist_asof");
    }

    /** A name for a history trigger or function of {@code sourceTable}: {@code covet_hist_<source><suffix>}. */
    public static String objectName(String sourceTable, String suffix) {
        return shortName("covet_hist_" + sourceTable + suffix);
    }

    /** Whether {@code t} has the bookkeeping columns of a history table. */
    public static boolean isHistory(Table t) {
        return t.primaryKey().equals(List.of(HISTORY_ID)) && t.columnNames().containsAll(BOOKKEEPING);
    }

    /** The source table that {@code history} records in {@code schema}, if it is a history table of one there. */
    public static Optional<Table> sourceOf(Schema schema, Table history) {
        if (!isHistory(history)) {
            return Optional.empty();
        }
        return schema.tables().stream().filter(s -> !s.name().equals(history.name()))
                .filter(s -> indexedFor(history, s.name())).findFirst();
    }

    /** The history table of {@code source} in {@code schema}, if it is tracked there. */
    public static Optional<Table> historyOf(Schema schema, String source) {
        return schema.tables().stream().filter(HistoryTable::isHistory)
                .filter(h -> !h.name().equals(source) && indexedFor(h, source)).findFirst();
    }

    /** The source columns a history table copies: every column but the bookkeeping ones, in order. */
    public static List<String> trackedColumns(Table history) {
        Set<String> skip = Set.copyOf(BOOKKEEPING);
        return history.columnNames().stream().filter(c -> !skip.contains(c)).toList();
    }

    private static String shortName(String full) {
        if (full.length() <= MAX_NAME) {
            return full;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(full.getBytes(StandardCharsets.UTF_8));
            return full.substring(0, MAX_NAME - 9) + "_" + HexFormat.of().formatHex(h).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
