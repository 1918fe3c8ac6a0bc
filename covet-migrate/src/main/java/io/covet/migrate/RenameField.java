package io.covet.migrate;

import io.covet.schema.CheckConstraint;
import io.covet.schema.Index;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/** Renames a column; keys, indexes, foreign keys pointing at it, checks and index conditions naming it follow. */
public record RenameField(String table, String from, String to) implements Operation {
    @Override
    public Schema apply(Schema before) {
        Schema s = before.with(before.require(table).withColumnRenamed(from, to));
        for (Table t : s.referencing(table)) {
            s = s.with(t.withReferencedColumnRenamed(table, from, to));
        }
        Table self = s.require(table).withReferencedColumnRenamed(table, from, to);
        // The engines rewrite checks and index conditions that name the column; so does the state.
        Table renamed = new Table(self.name(), self.columns(), self.primaryKey(), self.uniques(),
                self.checks().stream().map(c -> new CheckConstraint(c.name(),
                        Identifiers.rename(c.expression(), from, to))).toList(),
                self.indexes().stream().map(i -> i.where() == null ? i : new Index(i.name(), i.columns(), i.unique(),
                        Identifiers.rename(i.where(), from, to))).toList(), self.foreignKeys());
        return s.with(renamed);
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
