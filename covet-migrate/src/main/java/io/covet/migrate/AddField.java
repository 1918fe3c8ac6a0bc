package io.covet.migrate;

import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/**
 * Adds a column. {@code oneOffDefault} fills existing rows of a NOT NULL column that has no default of its own
 * (Django's {@code preserve_default=False}); it is not kept afterwards.
 */
public record AddField(String table, Column column, ColumnDefault oneOffDefault) implements Operation {
    /** Adds a column that needs no one-off value for existing rows. */
    public AddField(String table, Column column) {
        this(table, column, null);
    }

    @Override
    public Schema apply(Schema before) {
        Table t = before.require(table);
        if (t.column(column.name()).isPresent()) {
            throw new IllegalArgumentException("table " + table + " already has a column " + column.name());
        }
        return before.with(t.withColumn(column));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.addColumn(t, t.withColumn(column), column, oneOffDefault));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.dropColumn(t.withColumn(column), t, column.name()));
    }

    @Override
    public String describe() {
        return "Add field " + column.name() + " to " + table;
    }
}
