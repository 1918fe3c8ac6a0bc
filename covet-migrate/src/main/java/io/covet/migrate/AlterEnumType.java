package io.covet.migrate;

import io.covet.schema.ColumnType;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Changes the labels of an enum type, for every column that uses it at once: labels added, removed, reordered, or
 * renamed ({@code renames}, old → new, carries the rows' values). Reversed by the opposite change. A row holding a
 * label that the new list lacks (and that is not renamed) makes the migration fail, with nothing changed: remove or
 * update such rows first (a data migration before this one).
 *
 * <p>Per engine ({@link SchemaDdl#alterEnumType}): PostgreSQL renames labels in place or recreates the type in the
 * migration's transaction; MariaDB modifies each {@code ENUM} column; SQLite rebuilds each table.
 *
 * @param name    the enum type
 * @param from    the labels before, in order
 * @param to      the labels after, in order
 * @param renames old label → new label for rows to carry; every key is in {@code from} and every value in
 *                {@code to}
 */
public record AlterEnumType(String name, List<String> from, List<String> to, Map<String, String> renames)
        implements Operation {
    /** Copies the lists; checks that every rename goes from an old label to a new one. */
    public AlterEnumType {
        Objects.requireNonNull(name, "name");
        from = List.copyOf(from);
        to = List.copyOf(to);
        renames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renames == null ? Map.of() : renames));
        for (Map.Entry<String, String> r : renames.entrySet()) {
            if (!from.contains(r.getKey()) || !to.contains(r.getValue())) {
                throw new IllegalArgumentException("enum type " + name + ": cannot rename label '" + r.getKey()
                        + "' to '" + r.getValue() + "': the old label must be among " + from + " and the new one "
                        + "among " + to);
            }
        }
    }

    @Override
    public Schema apply(Schema before) {
        List<String> had = before.enumTypes().get(name);
        if (had == null) {
            throw new IllegalArgumentException("there is no enum type " + name);
        }
        if (!had.equals(from)) {
            throw new IllegalArgumentException("enum type " + name + " has the labels " + had + ", not " + from);
        }
        return before.withEnumType(name, ColumnType.enumType(name, to));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.alterEnumType(before, name, to, renames));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        Map<String, String> back = new LinkedHashMap<>();
        renames.forEach((a, b) -> back.put(b, a));
        return Operation.sql(ddl.alterEnumType(apply(before), name, from, back));
    }

    @Override
    public String describe() {
        return "Alter enum type " + name + " from " + from + " to " + to
                + (renames.isEmpty() ? "" : " renaming " + renames);
    }
}
