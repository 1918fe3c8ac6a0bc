package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Entity;
import io.covet.orm.ValidationErrors;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.IndexMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Django's {@code validate_unique}: for each unique field, unique-together set and unique index of a model, one
 * query for another row holding the instance's values (the instance's own row excluded by its loaded key; on a
 * {@code @SoftDelete} model only live rows count, like the live-rows unique indexes). A set with a null value is
 * skipped, as the database's constraint ignores it. Advisory: a concurrent writer can still insert the same values
 * between the check and the write, and the database's constraint then raises {@code UniqueViolation}. Not an API.
 */
public final class UniqueChecks {
    private UniqueChecks() {
    }

    /** Records in {@code errors} every unique rule {@code e} would break on database {@code dbName} (null: default). */
    public static <T extends Entity> void check(OrmRuntime orm, ModelType<T> type, T e, String dbName,
                                                ValidationErrors errors) {
        ModelMeta m = type.meta();
        Database db = orm.database(dbName);
        List<Column<?>> cols = type.columns(type.table());
        Condition base = m.softDeletes() ? SoftDeletes.live(orm, type, type.table()) : Sql.noCondition();
        if (e.persisted()) {
            base = base.and(Sql.not(Writer.keyCondition(type, Access.get().snapshot(e))));
        }
        for (List<Integer> group : groups(m)) {
            Condition c = base;
            List<Object> shown = new ArrayList<>();
            boolean hasNull = false;
            for (int i : group) {
                Object v = Writer.columnValue(type, e, i);
                FieldMeta f = m.fields().get(i);
                if (v == null || Deferral.untouched(e, i)) {
                    hasNull = true; // a deferred value is unknown (and not written): the rule is not checked
                    break;
                }
                shown.add(v instanceof String s ? "'" + s + "'" : v);
                c = c.and(Relations.eq(cols.get(i), f.foreignKey() != null ? v : Values.toColumn(f.type(), v)));
            }
            if (hasNull || Sql.select(cols.get(group.get(0))).from(type.table()).where(c).limit(1).fetch(db).isEmpty()) {
                continue;
            }
            report(m, group, shown, errors);
        }
    }

    /**
     * Records that the values {@code shown} of the unique rule {@code group} exist already: a single field under its
     * name, a set under {@link ValidationErrors#ALL}. Shared with the translation of a lost race
     * ({@code UniqueRace}), so both report the same shape.
     */
    public static void report(ModelMeta m, List<Integer> group, List<Object> shown, ValidationErrors errors) {
        List<String> names = group.stream().map(i -> m.fields().get(i).name()).toList();
        if (group.size() == 1) {
            errors.add(names.get(0), m.simpleName() + " with " + names.get(0) + " " + shown.get(0)
                    + " already exists");
        } else {
            errors.add(m.simpleName() + " with " + String.join(", ", names) + " " + shown
                    + " already exists (unique together)");
        }
    }

    /** How a value is shown in a message: text quoted. */
    public static Object shown(Object v) {
        return v instanceof String s ? "'" + s + "'" : v;
    }

    /** The field indexes of each unique rule apart from the primary key, without repeats. */
    public static List<List<Integer>> groups(ModelMeta m) {
        Set<List<Integer>> out = new LinkedHashSet<>();
        for (int i = 0; i < m.fields().size(); i++) {
            FieldMeta f = m.fields().get(i);
            if (f.unique() && !f.primaryKey()) {
                out.add(List.of(i));
            }
        }
        for (IndexMeta u : m.uniqueTogether()) {
            out.add(fields(m, u.columns()));
        }
        for (IndexMeta u : m.indexes()) {
            if (u.unique()) {
                out.add(fields(m, u.columns()));
            }
        }
        out.removeIf(List::isEmpty);
        return List.copyOf(out);
    }

    private static List<Integer> fields(ModelMeta m, List<String> columns) {
        List<Integer> out = new ArrayList<>();
        for (String c : columns) {
            for (int i = 0; i < m.fields().size(); i++) {
                if (m.fields().get(i).column().equals(c)) {
                    out.add(i);
                }
            }
        }
        // a column that is no field (an expression index) makes the rule one the ORM cannot check
        return out.size() == columns.size() ? out : List.of();
    }
}
