package io.covet.orm.internal;

import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Django-style field names for {@code only("title", "customer__email")} and {@code defer(...)}: each name is a field
 * of the query's model, or foreign-key/one-to-one fields joined by {@code __} and then a field of the model they
 * reach. A name becomes the same metamodel column the typed overloads take ({@code Order_.TOTAL}, or a column of
 * the relation path's aliased table, as {@code Order_.CUSTOMER.table().email}), so the rest of the deferral
 * machinery is shared. Not an API.
 */
public final class FieldNames {
    private FieldNames() {
    }

    /**
     * The columns the names denote on a query of {@code type}, in order.
     *
     * @throws OrmUsageException before any query, for no name, an empty or unknown name, or a step that is not a
     *                           foreign-key or one-to-one field; the message names the model and its valid fields
     */
    public static List<Column<?>> resolve(OrmRuntime orm, ModelType<?> type, List<String> names, String operation) {
        List<Column<?>> out = new ArrayList<>();
        for (String name : names) {
            out.add(resolve(orm, type, name, operation));
        }
        return out;
    }

    private static Column<?> resolve(OrmRuntime orm, ModelType<?> type, String name, String operation) {
        String call = operation + "(\"" + name + "\") on a query of " + type.meta().simpleName();
        if (name == null || name.isBlank()) {
            throw new OrmUsageException(operation + "() was given an empty field name on a query of "
                    + type.meta().simpleName() + ": name fields such as " + fieldNames(type));
        }
        String[] parts = name.split("__", -1);
        ModelType<?> current = type;
        List<PathStep> steps = new ArrayList<>();
        StringBuilder through = new StringBuilder();
        for (int k = 0; k < parts.length - 1; k++) {
            int i = current.meta().indexOf(parts[k]);
            FieldMeta f = i < 0 ? null : current.meta().fields().get(i);
            if (f == null || f.foreignKey() == null) {
                throw new OrmUsageException(call + ": '" + parts[k] + "' is not a foreign-key or one-to-one field of "
                        + current.meta().simpleName() + " (only those can be followed with __); its relations: "
                        + relationNames(current) + ", its fields: " + fieldNames(current));
            }
            ModelType<?> target = orm.type(f.foreignKey().targetModel());
            steps.add(new PathStep(PathStep.Kind.FORWARD, current.meta().name(), f.name(),
                    target.meta().name(), null, alias -> target.table().as(alias)));
            through.append(through.length() == 0 ? "" : "__").append(f.name());
            current = target;
        }
        String last = parts[parts.length - 1];
        int i = current.meta().indexOf(last);
        if (i < 0) {
            String owner = current.meta().simpleName() + (steps.isEmpty() ? "" : " (reached through " + through + ")");
            throw new OrmUsageException(call + ": " + owner + " has no field '" + last + "'; valid fields of "
                    + current.meta().simpleName() + ": " + fieldNames(current)
                    + (steps.isEmpty() ? "; a related model's field is named relation__field" : ""));
        }
        Table table = steps.isEmpty() ? current.table() : Access.get().path(steps).table();
        return current.columns(table).get(i);
    }

    private static List<String> fieldNames(ModelType<?> t) {
        return t.meta().fields().stream().map(FieldMeta::name).toList();
    }

    private static List<String> relationNames(ModelType<?> t) {
        return t.meta().fields().stream().filter(f -> f.foreignKey() != null).map(FieldMeta::name).toList();
    }
}
