package io.covet.orm.internal;

import io.covet.core.error.UniqueViolation;
import io.covet.orm.Entity;
import io.covet.orm.ValidationErrors;
import io.covet.orm.ValidationException;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.schema.Index;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The write of a validated save lost a race: another writer inserted the same unique values after
 * {@link UniqueChecks} found none. The database's {@link UniqueViolation} is turned into the
 * {@link ValidationException} the check would have reported, naming the field (or the set under {@code __all__}) and
 * the instance's values, with the violation as its cause. Which rule was broken comes from the violation itself, not
 * from another query (inside a transaction the winner's row may be invisible, and a PostgreSQL transaction is aborted
 * until its savepoint is rolled back): PostgreSQL names the constraint or index, MariaDB the key (MySQL as
 * {@code table.key}), SQLite the columns ({@code table.a, table.b}). A violation of the primary key or of a rule the
 * ORM does not know stays the {@code UniqueViolation} it was. Not an API.
 */
public final class UniqueRace {
    private UniqueRace() {
    }

    /**
     * The validation error {@code v} stands for, or {@code v} itself when it names no unique rule of the model.
     *
     * @param table the model's table as the ORM creates it (constraint and index names), or null when unknown
     */
    public static <T extends Entity> RuntimeException translate(ModelType<T> type, T e, UniqueViolation v,
                                                                Table table) {
        ModelMeta m = type.meta();
        Set<String> columns = columns(m, table, v.constraint().orElse(null));
        if (columns.isEmpty()) {
            return v;
        }
        for (List<Integer> group : UniqueChecks.groups(m)) {
            Set<String> groupColumns = new HashSet<>();
            group.forEach(i -> groupColumns.add(m.fields().get(i).column()));
            if (!groupColumns.equals(columns)) {
                continue;
            }
            List<Object> shown = new ArrayList<>();
            for (int i : group) {
                shown.add(UniqueChecks.shown(Writer.columnValue(type, e, i)));
            }
            ValidationErrors errors = new ValidationErrors();
            UniqueChecks.report(m, group, shown, errors);
            ValidationException out = new ValidationException(m.simpleName(), errors);
            out.initCause(v);
            return out;
        }
        return v;
    }

    /** The columns of the rule a violation names; empty when it names none the model declares. */
    static Set<String> columns(ModelMeta m, Table table, String constraint) {
        if (constraint == null || constraint.isBlank()) {
            return Set.of();
        }
        String name = constraint.strip();
        if (table != null) {
            String bare = name.startsWith(m.table() + ".") ? name.substring(m.table().length() + 1) : name;
            for (UniqueConstraint u : table.uniques()) {
                if (u.name().equalsIgnoreCase(bare)) {
                    return new HashSet<>(u.columns());
                }
            }
            for (Index i : table.indexes()) {
                if (i.unique() && i.name().equalsIgnoreCase(bare)) {
                    return new HashSet<>(i.columns());
                }
            }
        }
        // SQLite: "table.a, table.b"
        Set<String> out = new HashSet<>();
        for (String part : name.split(",")) {
            String p = part.strip();
            if (!p.startsWith(m.table() + ".")) {
                return Set.of();
            }
            out.add(p.substring(m.table().length() + 1));
        }
        return out;
    }
}
