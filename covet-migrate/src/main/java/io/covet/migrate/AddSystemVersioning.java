package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.SystemVersioning;
import io.covet.schema.Table;

import java.util.List;

/**
 * Makes {@code table} system-versioned ({@code @History(capture = SYSTEM_VERSIONING)}, MariaDB only): the state
 * gains the invisible period columns {@code row_start}/{@code row_end} ({@link SystemVersioning}) and the database
 * {@code ALTER TABLE … ADD SYSTEM VERSIONING}; the existing rows become current versions that begin at the
 * migration. Other engines refuse it with an {@link io.covet.core.error.UnsupportedFeature} before any statement
 * runs. Reversed by {@link RemoveSystemVersioning}'s statements (the versions recorded meanwhile are dropped).
 *
 * @param table the table to version
 */
public record AddSystemVersioning(String table) implements Operation {
    @Override
    public Schema apply(Schema before) {
        Table t = before.table(table).orElseThrow(() -> new IllegalArgumentException("system versioning of " + table
                + ": no such table in the state"));
        if (SystemVersioning.isVersioned(t)) {
            throw new IllegalArgumentException("table " + table + " is system-versioned already");
        }
        return before.with(SystemVersioning.with(t));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.addSystemVersioning(before.require(table), apply(before).require(table)));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        Table after = apply(before).require(table);
        return Operation.sql(ddl.dropSystemVersioning(after, before.require(table)));
    }

    @Override
    public String describe() {
        return "Add system versioning to " + table;
    }
}
