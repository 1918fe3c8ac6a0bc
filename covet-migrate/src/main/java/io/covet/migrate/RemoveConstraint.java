package io.covet.migrate;

import io.covet.schema.Constraint;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/** Drops a constraint; reversed by recreating it from the state. */
public record RemoveConstraint(String table, String name) implements Operation {
    @Override
    public Schema apply(Schema before) {
        constraint(before);
        return before.with(before.require(table).without(name));
    }

    private Constraint constraint(Schema s) {
        return s.require(table).constraint(name).orElseThrow(() -> new IllegalArgumentException("table " + table
                + " has no constraint " + name));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.dropConstraint(t, t.without(name), constraint(before)));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.addConstraint(t.without(name), t, constraint(before)));
    }

    @Override
    public String describe() {
        return "Remove constraint " + name + " from " + table;
    }
}
