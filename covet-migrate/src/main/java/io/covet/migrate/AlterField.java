package io.covet.migrate;

import io.covet.schema.Column;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/** Changes a column's type, nullability, default or length to {@code column}'s definition. */
public record AlterField(String table, Column column) implements Operation {
    @Override
    public Schema apply(Schema before) {
        Table t = before.require(table);
        t.requireColumn(column.name());
        return before.with(t.withColumn(column));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.alterColumn(t, t.withColumn(column), column.name()));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.alterColumn(t.withColumn(column), t, column.name()));
    }

    @Override
    public String describe() {
        return "Alter field " + column.name() + " on " + table;
    }
}
