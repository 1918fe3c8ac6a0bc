package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/** Creates a table with its columns, keys, constraints and indexes. Reversed by dropping it. */
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
        return Operation.sql(ddl.createTable(table));
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
