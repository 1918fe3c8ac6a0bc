package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/** Renames a column; keys, indexes and foreign keys pointing at it follow. */
public record RenameField(String table, String from, String to) implements Operation {
    @Override
    public Schema apply(Schema before) {
        Schema s = before.with(before.require(table).withColumnRenamed(from, to));
        for (Table t : s.referencing(table)) {
            s = s.with(t.withReferencedColumnRenamed(table, from, to));
        }
        Table self = s.require(table);
        return s.with(self.withReferencedColumnRenamed(table, from, to));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.renameColumn(before.require(table), from, to));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.renameColumn(apply(before).require(table), to, from));
    }

    @Override
    public String describe() {
        return "Rename field " + from + " on " + table + " to " + to;
    }
}
