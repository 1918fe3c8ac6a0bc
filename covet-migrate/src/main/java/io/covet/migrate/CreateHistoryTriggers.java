package io.covet.migrate;

import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/**
 * Creates the triggers that write the history table {@code history} for every insert, update and delete of
 * {@code table} ({@link HistoryTriggers}). It leaves the schema state as it is: the triggers copy the columns the
 * history table has in the state where this operation runs, so the autodetector puts it after every other change
 * to either table in a migration (and to a table one of its foreign keys references, for MariaDB's triggers
 * there: {@link HistoryTriggers}). It also creates {@value HistoryTable#HORIZON_TABLE} when missing (which the
 * reverse leaves). Reversed by dropping the triggers.
 *
 * @param table   the tracked table
 * @param history its history table
 */
public record CreateHistoryTriggers(String table, String history) implements Operation {
    @Override
    public Schema apply(Schema before) {
        requireHistory(before, table, history);
        return before;
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        Table h = requireHistory(before, table, history);
        HistoryTriggers t = HistoryTriggers.of(ddl.dialect());
        // the horizon table too, for databases whose history table a migration made before it was created there
        List<String> out = new java.util.ArrayList<>(List.of(HistoryTable.horizonDdl(ddl.dialect())));
        out.addAll(t.drop(before.require(table)));
        out.addAll(t.create(before.require(table), h));
        return Operation.sql(out);
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(dropTriggers(before, table, ddl));
    }

    /** Drops the triggers of {@code table}, and what all triggers share when no other table in {@code s} is tracked. */
    static List<String> dropTriggers(Schema s, String table, SchemaDdl ddl) {
        HistoryTriggers t = HistoryTriggers.of(ddl.dialect());
        List<String> out = new java.util.ArrayList<>(t.drop(s.require(table)));
        boolean others = s.tables().stream().anyMatch(h -> HistoryTable.sourceOf(s, h)
                .filter(src -> !src.name().equals(table)).isPresent());
        if (!others) {
            out.addAll(t.dropShared());
        }
        return out;
    }

    @Override
    public String describe() {
        return "Create history triggers on " + table + " writing " + history;
    }

    /** The history table, checked to be one for {@code table} in {@code s}. */
    static Table requireHistory(Schema s, String table, String history) {
        Table src = s.table(table).orElseThrow(() -> new IllegalArgumentException("history triggers on " + table
                + ": no such table in the state"));
        Table h = s.table(history).orElseThrow(() -> new IllegalArgumentException("history triggers on " + table
                + ": no history table " + history + " in the state"));
        if (!HistoryTable.isHistory(h) || h.index(HistoryTable.asOfIndexName(table)).isEmpty()) {
            throw new IllegalArgumentException("history triggers on " + table + ": " + history + " is not its "
                    + "history table (bookkeeping columns " + HistoryTable.BOOKKEEPING + " and index "
                    + HistoryTable.asOfIndexName(table) + " expected)");
        }
        for (String c : HistoryTable.trackedColumns(h)) {
            if (src.column(c).isEmpty()) {
                throw new IllegalArgumentException("history table " + history + " copies column " + c + ", which "
                        + table + " does not have");
            }
        }
        return h;
    }
}
