package io.covet.migrate;

import io.covet.schema.Constraint;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/** Adds a unique, check or foreign-key constraint. */
public record AddConstraint(String table, Constraint constraint) implements Operation {
    @Override
    public Schema apply(Schema before) {
        return before.with(before.require(table).withConstraint(constraint));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.addConstraint(t, t.withConstraint(constraint), constraint));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.dropConstraint(t.withConstraint(constraint), t, constraint));
    }

    @Override
    public String describe() {
        return "Create constraint " + constraint.name() + " on " + table;
    }
}
