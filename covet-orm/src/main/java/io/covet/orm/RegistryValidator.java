package io.covet.orm;

import io.covet.core.dialect.Engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the whole model registry and returns one sentence per problem, so that all are reported at once. */
final class RegistryValidator {
    private RegistryValidator() {
    }

    static List<String> validate(Map<String, ModelType<?>> types, List<Engine> engines) {
        List<String> problems = new ArrayList<>();
        Map<String, ModelMeta> metas = new HashMap<>();
        types.forEach((k, v) -> metas.put(k, v.meta()));
        Map<String, String> tables = new HashMap<>();
        for (ModelMeta m : metas.values()) {
            String prev = tables.put(m.table().toLowerCase(java.util.Locale.ROOT), m.simpleName());
            if (prev != null) {
                problems.add("models " + prev + " and " + m.simpleName() + " both use table '" + m.table()
                        + "': give one of them another @Model(table = ...)");
            }
        }
        for (ModelType<?> t : types.values()) {
            ModelMeta m = t.meta();
            String model = m.simpleName();
            long pks = m.fields().stream().filter(FieldMeta::primaryKey).count();
            if (pks == 0) {
                problems.add(model + " (table " + m.table() + ") has no primary key: annotate one field with "
                        + "@PrimaryKey");
            } else if (pks > 1) {
                problems.add(model + " has " + pks + " primary-key fields: composite keys are not supported, keep "
                        + "one @PrimaryKey and declare the others in uniqueTogether");
            }
            Map<String, String> columns = new HashMap<>();
            for (FieldMeta f : m.fields()) {
                String prev = columns.put(f.column().toLowerCase(java.util.Locale.ROOT), f.name());
                if (prev != null) {
                    problems.add(model + ": fields '" + prev + "' and '" + f.name() + "' both use column '"
                            + f.column() + "': rename one with @Column(name = ...)");
                }
                checkForeignKey(m, f, metas, problems);
                for (Engine e : engines) {
                    checkEngine(m, f, e, problems);
                }
            }
            Set<String> names = new HashSet<>();
            m.fields().forEach(f -> names.add(f.name()));
            for (String o : m.ordering()) {
                String name = o.startsWith("-") ? o.substring(1) : o;
                if (!names.contains(name)) {
                    problems.add(model + ": ordering names '" + name + "', which is not a field of " + model);
                }
            }
            for (ManyToManyMeta mm : m.manyToMany()) {
                if (!metas.containsKey(mm.targetModel())) {
                    problems.add(model + "." + mm.name() + " is a many-to-many relation to " + mm.targetModel()
                            + ", which is not registered: add its _.TYPE to the Orm's models");
                } else if (mm.throughModel() != null) {
                    checkThrough(m, mm, metas, problems);
                }
            }
            for (ReverseMeta r : m.reverse()) {
                ModelMeta src = metas.get(r.sourceModel());
                int i = src == null ? -1 : src.indexOf(r.field());
                if (i < 0 || src.fields().get(i).foreignKey() == null
                        || !src.fields().get(i).foreignKey().targetModel().equals(m.name())) {
                    problems.add(model + "." + r.name() + " is the reverse of " + simple(r.sourceModel()) + "."
                            + r.field() + ", which is not a registered foreign key to " + model);
                }
            }
        }
        return problems;
    }

    private static void checkForeignKey(ModelMeta m, FieldMeta f, Map<String, ModelMeta> metas,
                                        List<String> problems) {
        ForeignKeyMeta fk = f.foreignKey();
        if (fk == null) {
            return;
        }
        String where = m.simpleName() + "." + f.name();
        ModelMeta target = metas.get(fk.targetModel());
        if (target == null) {
            problems.add(where + " is a foreign key to " + fk.targetModel() + ", which is not a registered model: "
                    + "add " + simple(fk.targetModel()) + "_.TYPE to the Orm's models");
        }
        if (fk.onDelete() == OnDelete.SET_NULL && !f.nullable()) {
            problems.add(where + " uses on_delete SET_NULL but is not nullable: add nullable = true");
        }
        if (fk.onDelete() == OnDelete.SET_DEFAULT && f.defaultValue() == null) {
            problems.add(where + " uses on_delete SET_DEFAULT but declares no default: add @Column(defaultValue)");
        }
    }

    private static void checkThrough(ModelMeta m, ManyToManyMeta mm, Map<String, ModelMeta> metas,
                                     List<String> problems) {
        ModelMeta through = metas.get(mm.throughModel());
        if (through == null) {
            problems.add(m.simpleName() + "." + mm.name() + " goes through " + mm.throughModel()
                    + ", which is not registered");
            return;
        }
        boolean toSource = false;
        boolean toTarget = false;
        for (FieldMeta f : through.fields()) {
            if (f.foreignKey() != null) {
                toSource |= f.foreignKey().targetModel().equals(m.name());
                toTarget |= f.foreignKey().targetModel().equals(mm.targetModel());
            }
        }
        if (!toSource || !toTarget) {
            problems.add(m.simpleName() + "." + mm.name() + " goes through " + through.simpleName()
                    + ", which needs a foreign key to " + m.simpleName() + " and one to " + simple(mm.targetModel()));
        }
    }

    private static void checkEngine(ModelMeta m, FieldMeta f, Engine e, List<String> problems) {
        String where = m.simpleName() + "." + f.name();
        String engine = e.displayName();
        if (f.type() == FieldType.DECIMAL) {
            int maxP = e == Engine.MARIADB ? 65 : 1000;
            int maxS = e == Engine.MARIADB ? 30 : f.precision();
            if (f.precision() < 1 || f.precision() > maxP || f.scale() < 0 || f.scale() > maxS) {
                problems.add(where + ": DECIMAL(" + f.precision() + "," + f.scale() + ") is not supported by "
                        + engine + " (precision 1.." + maxP + ", scale 0.." + maxS + ")");
            }
        }
        if (f.type().bounded() && e == Engine.MARIADB && f.maxLength() > 16383) {
            problems.add(where + ": VARCHAR(" + f.maxLength() + ") is not supported by MariaDB with utf8mb4 (at most "
                    + "16383 characters): use FieldType.TEXT");
        }
        if (f.type().bounded() && f.maxLength() < 1) {
            problems.add(where + ": maxLength must be at least 1");
        }
        boolean blob = f.type() == FieldType.TEXT || f.type() == FieldType.JSON || f.type() == FieldType.BINARY;
        if (blob && e == Engine.MARIADB && (f.unique() || f.indexed() || f.primaryKey())) {
            problems.add(where + ": a unique or indexed " + f.type() + " column is not supported by MariaDB "
                    + "(it cannot index unbounded values): use a STRING with maxLength");
        }
        if (blob && e == Engine.POSTGRESQL && f.type() == FieldType.JSON && f.primaryKey()) {
            problems.add(where + ": a JSON primary key is not supported by PostgreSQL");
        }
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
