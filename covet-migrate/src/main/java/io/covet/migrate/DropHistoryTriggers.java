package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;

/**
 * Drops the history triggers of {@code table} ({@link CreateHistoryTriggers}) before a migration changes the table
 * or its history table {@code history}. Leaves the state as it is. Reversed by creating them again for the
 * tables as they are in the state where it runs.
 *
 * @param table   the tracked table
 * @param history its history table
 */
public record DropHistoryTriggers(String table, String history) implements Operation {
    @Override
    public Schema apply(Schema before) {
        CreateHistoryTriggers.requireHistory(before, table, history);
        return before;
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(CreateHistoryTriggers.dropTriggers(before, table, ddl));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return new CreateHistoryTriggers(table, history).forward(before, ddl);
    }

    @Override
    public String describe() {
        return "Drop history triggers on " + table;
    }
}
