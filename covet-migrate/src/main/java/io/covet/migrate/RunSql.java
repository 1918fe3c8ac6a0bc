package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;

/**
 * Runs hand-written SQL. Without {@code reverseSql} the operation is irreversible; an empty reverse list means
 * "nothing to undo". The schema state is not changed: pair it with {@link SeparateDatabaseAndState} when the
 * SQL changes the schema.
 */
public record RunSql(List<String> sql, List<String> reverseSql) implements Operation {
    /** Copies the statements; a null {@code reverseSql} makes the operation irreversible. */
    public RunSql {
        sql = List.copyOf(sql);
        reverseSql = reverseSql == null ? null : List.copyOf(reverseSql);
    }

    @Override
    public Schema apply(Schema before) {
        return before;
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(sql);
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        if (reverseSql == null) {
            throw new IrreversibleOperation("RunSQL " + preview() + " has no reverse_sql, so it cannot be unapplied. "
                    + "Add \"reverse_sql\" to the operation (an empty list if there is nothing to undo).");
        }
        return Operation.sql(reverseSql);
    }

    @Override
    public boolean reversible() {
        return reverseSql != null;
    }

    private String preview() {
        String first = sql.isEmpty() ? "" : sql.get(0);
        return "'" + (first.length() > 40 ? first.substring(0, 40) + "…" : first) + "'";
    }

    @Override
    public String describe() {
        return "Raw SQL " + preview();
    }
}
