package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets the table's unique constraints to exactly these column sets (Django's {@code unique_together}): sets
 * already constrained keep their constraint, new sets get {@code <table>_<cols>_uniq}, the others are dropped.
 */
public record AlterUniqueTogether(String table, List<List<String>> together) implements Operation {
    /** Copies the column sets. */
    public AlterUniqueTogether {
        together = together.stream().map(List::copyOf).toList();
    }

    @Override
    public Schema apply(Schema before) {
        Table t = before.require(table);
        List<UniqueConstraint> out = new ArrayList<>();
        for (List<String> cols : together) {
            out.add(t.uniques().stream().filter(u -> u.columns().equals(cols)).findFirst()
                    .orElse(new UniqueConstraint(Names.of(table, cols, "uniq"), cols)));
        }
        return before.with(t.withUniques(out));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return transition(before.require(table), apply(before).require(table), ddl);
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return transition(apply(before).require(table), before.require(table), ddl);
    }

    private static List<Step> transition(Table from, Table to, SchemaDdl ddl) {
        List<String> out = new ArrayList<>();
        Table cur = from;
        for (UniqueConstraint u : from.uniques()) {
            if (!to.uniques().contains(u)) {
                Table next = cur.without(u.name());
                out.addAll(ddl.dropUnique(cur, next, u));
                cur = next;
            }
        }
        for (UniqueConstraint u : to.uniques()) {
            if (!from.uniques().contains(u)) {
                Table next = cur.withUnique(u);
                out.addAll(ddl.addUnique(cur, next, u));
                cur = next;
            }
        }
        return Operation.sql(out);
    }

    @Override
    public String describe() {
        return "Alter unique_together for " + table + " (" + together.size() + " constraint(s))";
    }
}
