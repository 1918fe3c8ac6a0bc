package io.covet.migrate;

import io.covet.schema.Index;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;

/** Creates an index. */
public record AddIndex(String table, Index index) implements Operation {
    @Override
    public Schema apply(Schema before) {
        return before.with(before.require(table).withIndex(index));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.addIndex(before.require(table), index));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.dropIndex(before.require(table), index));
    }

    @Override
    public String describe() {
        return "Create index " + index.name() + " on " + table + index.columns();
    }
}
