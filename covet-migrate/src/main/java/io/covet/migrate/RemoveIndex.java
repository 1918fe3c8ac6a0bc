package io.covet.migrate;

import io.covet.schema.Index;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/** Drops an index; reversed by recreating it from the state. */
public record RemoveIndex(String table, String name) implements Operation {
    @Override
    public Schema apply(Schema before) {
        index(before);
        return before.with(before.require(table).without(name));
    }

    private Index index(Schema s) {
        Table t = s.require(table);
        return t.index(name).orElseThrow(() -> new IllegalArgumentException("table " + table
                + " has no index " + name));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.dropIndex(before.require(table), index(before)));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.addIndex(before.require(table), index(before)));
    }

    @Override
    public String describe() {
        return "Remove index " + name + " from " + table;
    }
}
