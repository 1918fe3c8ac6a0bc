package io.covet.migrate;

import io.covet.schema.Column;

import java.util.List;

/**
 * Expand/contract recipes for changes the linter flags: each returns the operations of two migrations, the
 * expand one (safe while the old release runs) and the contract one (to apply after the new release is out).
 */
public final class ExpandContract {
    /** The operations of the expand migration and of the later contract migration. */
    public record Steps(List<Operation> expand, List<Operation> contract) {
        public Steps {
            expand = List.copyOf(expand);
            contract = List.copyOf(contract);
        }
    }

    private ExpandContract() {
    }

    /**
     * A NOT NULL column without disruption: add it nullable and backfill {@code valueSql} in batches of
     * {@code batchSize} rows (expand); set NOT NULL (contract).
     *
     * @param valueSql an SQL expression for existing rows, e.g. {@code 0} or {@code 'unknown'}
     */
    public static Steps addNotNullField(String table, Column column, String valueSql, int batchSize) {
        if (column.nullable()) {
            throw new IllegalArgumentException("column " + column.name() + " is nullable already; add it directly");
        }
        return new Steps(List.of(new AddField(table, column.withNullable(true)),
                new RunJava(Backfill.class.getName(), List.of(table, column.name(), String.valueOf(batchSize),
                        valueSql))),
                List.of(new AlterField(table, column)));
    }

    /**
     * A column rename without breaking the old release: add {@code to} and copy the values (expand); drop
     * {@code from} (contract), once the code reads and writes {@code to} only.
     */
    public static Steps renameField(String table, Column from, String to, int batchSize) {
        Column target = from.withName(to).withNullable(true);
        return new Steps(List.of(new AddField(table, target),
                new RunJava(Backfill.class.getName(), List.of(table, to, String.valueOf(batchSize),
                        from.name()))),
                List.of(new RemoveField(table, from.name()), new AlterField(table, from.withName(to))));
    }
}
