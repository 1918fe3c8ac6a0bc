package io.covet.migrate;

import io.covet.schema.HistoryTable;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/**
 * Creates a table with its columns, keys, constraints and indexes. Reversed by dropping it. For a history table
 * ({@link HistoryTable#isHistory}) it also creates the shared bookkeeping table {@value HistoryTable#HORIZON_TABLE}
 * when missing, which the reverse leaves (like the migrations table, it outlives the models).
 */
public record CreateModel(Table table) implements Operation {
    @Override
    public Schema apply(Schema before) {
        if (before.table(table.name()).isPresent()) {
            throw new IllegalArgumentException("table " + table.name() + " already exists");
        }
        return before.with(table);
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        if (!HistoryTable.isHistory(table)) {
            return Operation.sql(ddl.createTable(table));
        }
        List<String> out = new java.util.ArrayList<>(ddl.createTable(table));
        out.add(HistoryTable.horizonDdl(ddl.dialect()));
        return Operation.sql(out);
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.dropTable(table));
    }

    @Override
    public String describe() {
        return "Create model " + table.name();
    }
}
