package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.SystemVersioning;
import io.covet.schema.Table;

import java.util.List;

/**
 * Ends the system versioning of {@code table} ({@code @History} removed or its capture changed): the state loses
 * the period columns and MariaDB drops the versioning, the period, its columns and <b>every history row</b> of the
 * table; the current rows stay. Reversed by adding versioning again (history restarts empty).
 *
 * @param table the versioned table
 */
public record RemoveSystemVersioning(String table) implements Operation {
    @Override
    public Schema apply(Schema before) {
        Table t = before.table(table).orElseThrow(() -> new IllegalArgumentException("system versioning of " + table
                + ": no such table in the state"));
        if (!SystemVersioning.isVersioned(t)) {
            throw new IllegalArgumentException("table " + table + " is not system-versioned");
        }
        return before.with(SystemVersioning.without(t));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.dropSystemVersioning(before.require(table), apply(before).require(table)));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        Table after = apply(before).require(table);
        return Operation.sql(ddl.addSystemVersioning(after, before.require(table)));
    }

    @Override
    public String describe() {
        return "Remove system versioning from " + table + " (its history rows are dropped)";
    }
}
