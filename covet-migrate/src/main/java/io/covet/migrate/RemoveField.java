package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.List;

/**
 * Drops a column (with the indexes and constraints that use it). Reversed by adding it back from the state:
 * its values are gone, so a NOT NULL column without default comes back filled with its type's zero value.
 */
public record RemoveField(String table, String column) implements Operation {
    @Override
    public Schema apply(Schema before) {
        return before.with(before.require(table).withoutColumn(column));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        Table t = before.require(table);
        return Operation.sql(ddl.dropColumn(t, t.withoutColumn(column), column));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        Table full = before.require(table);
        Table without = full.withoutColumn(column);
        io.covet.schema.Column c = full.requireColumn(column);
        Table readded = without.withColumn(c);
        java.util.List<String> out = new java.util.ArrayList<>(ddl.addColumn(without, readded, c,
                c.nullable() || c.defaultValue() != null || c.autoIncrement() ? null : Zero.of(c.type())));
        for (io.covet.schema.Index i : full.indexes()) {
            if (i.columns().contains(column)) {
                out.addAll(ddl.addIndex(full, i));
            }
        }
        Table cur = readded;
        for (io.covet.schema.Constraint k : List.<io.covet.schema.Constraint>copyOf(
                java.util.stream.Stream.concat(full.uniques().stream(), full.foreignKeys().stream())
                        .filter(x -> x instanceof io.covet.schema.UniqueConstraint u ? u.columns().contains(column)
                                : ((io.covet.schema.ForeignKey) x).columns().contains(column)).toList())) {
            Table next = cur.withConstraint(k);
            out.addAll(ddl.addConstraint(cur, next, k));
            cur = next;
        }
        return Operation.sql(out);
    }

    @Override
    public String describe() {
        return "Remove field " + column + " from " + table;
    }
}
