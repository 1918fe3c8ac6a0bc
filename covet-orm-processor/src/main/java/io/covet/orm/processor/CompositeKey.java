package io.covet.orm.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Checks {@code @Model(primaryKey = ...)} against a model's fields. */
final class CompositeKey {
    private CompositeKey() {
    }

    /**
     * Marks the named fields as key members in {@code fields} (in place) and returns the names; reports each
     * problem through {@code error}. Empty names (a model with a {@code @PrimaryKey} field) change nothing.
     */
    static List<String> resolve(List<String> names, List<FieldInfo> fields, String model, Consumer<String> error) {
        if (names.isEmpty()) {
            return names;
        }
        if (names.size() < 2) {
            error.accept(model + ": @Model(primaryKey = " + names + ") names one field; a composite primary key "
                    + "needs at least two: for one field use @PrimaryKey(auto = false) on it");
        }
        for (FieldInfo f : fields) {
            if (f.primaryKey()) {
                error.accept(model + " has both @Model(primaryKey = " + names + ") and the @PrimaryKey field "
                        + f.name() + ": a model has either one @PrimaryKey field or a composite key, so remove one");
            }
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            int i = -1;
            for (int k = 0; k < fields.size(); k++) {
                if (fields.get(k).name().equals(n)) {
                    i = k;
                }
            }
            if (!seen.add(n)) {
                error.accept(model + ": @Model(primaryKey) names field " + n + " twice");
            } else if (i < 0) {
                error.accept(model + ": @Model(primaryKey) names '" + n + "', which is not a persistent field; "
                        + "fields: " + fields.stream().map(FieldInfo::name).toList());
            } else if (fields.get(i).nullable()) {
                error.accept(model + "." + n + " is in the composite primary key, so it cannot be nullable");
            } else {
                fields.set(i, fields.get(i).asKeyMember());
            }
        }
        return List.copyOf(names);
    }
}
