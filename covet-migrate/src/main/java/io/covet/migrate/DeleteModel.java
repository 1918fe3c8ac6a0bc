package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;

/** Drops a table. Reversed by recreating it empty from the state (its rows are gone). */
public record DeleteModel(String table) implements Operation {
    @Override
    public Schema apply(Schema before) {
        return before.without(table);
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.dropTable(before.require(table)));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.createTable(before.require(table)));
    }

    @Override
    public String describe() {
        return "Delete model " + table;
    }
}
