package io.covet.schema;

import java.util.List;
import java.util.Objects;

/** A named foreign key from columns of its table to columns of {@code refTable}. */
public record ForeignKey(String name, List<String> columns, String refTable, List<String> refColumns,
                         OnDelete onDelete) implements Constraint {
    /** Copies the column lists (equally long, not empty); on_delete defaults to NO ACTION. */
    public ForeignKey {
        Objects.requireNonNull(name, "foreign key name");
        Objects.requireNonNull(refTable, "referenced table of " + name);
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
        onDelete = onDelete == null ? OnDelete.NO_ACTION : onDelete;
        if (columns.isEmpty() || columns.size() != refColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " needs as many referenced columns as columns");
        }
    }

    /** This key pointing at a renamed table. */
    public ForeignKey withRefTable(String table) {
        return new ForeignKey(name, columns, table, refColumns, onDelete);
    }
}
