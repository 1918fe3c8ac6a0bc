package io.covet.orm.internal;

import io.covet.core.engine.Engine;
import io.covet.orm.FieldType;
import io.covet.orm.OnDelete;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ForeignKeyMeta;
import io.covet.orm.spi.ManyToManyMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.orm.spi.ReverseMeta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the whole model registry and returns one sentence per problem, so that all are reported at once. Not an
 * API.
 */
public final class RegistryValidator {
    private RegistryValidator() {
    }

    /** One sentence per problem of these models (by class name) on these engines; empty when all is well. */
    public static List<String> validate(Map<String, ModelType<?>> types, List<Engine> engines) {
        List<String> problems = new ArrayList<>();
        Map<String, ModelMeta> metas = new HashMap<>();
        for (Map.Entry<String, ModelType<?>> e : types.entrySet()) {
            metas.put(e.getKey(), e.getValue().meta());
        }
        Map<String, String> tables = new HashMap<>();
        problems.addAll(Inheritances.problems(metas));
        problems.addAll(SingleTables.problems(metas));
        problems.addAll(SingleTables.unregisteredParents(types.values()));
        for (ModelMeta m : metas.values()) {
            if (m.proxy() || m.singleTableSubclass()) {
                continue; // a proxy shares its concrete model's table
            }
            String prev = tables.put(m.table().toLowerCase(java.util.Locale.ROOT), m.simpleName());
            if (prev != null) {
                problems.add("models " + prev + " and " + m.simpleName() + " both use table '" + m.table()
                        + "': give one of them another @Model(table = ...)");
            }
        }
        for (ModelType<?> t : types.values()) {
            ModelMeta m = t.meta();
            String model = m.simpleName();
            int pks = 0;
            for (FieldMeta f : m.fields()) {
                pks += f.primaryKey() ? 1 : 0;
            }
            if (m.compositePrimaryKey()) {
                checkCompositeKey(m, problems);
            } else if (pks == 0 && !m.readOnly()) {
                problems.add(model + " (table " + m.table() + ") has no primary key: annotate one field with "
                        + "@PrimaryKey (or, for a table without one, declare the model @Model(readOnly = true))");
            } else if (pks > 1) {
                problems.add(model + " has " + pks + " primary-key fields: keep one @PrimaryKey, or declare a "
                        + "composite key with @Model(primaryKey = {...}) instead");
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
            for (FieldMeta f : m.fields()) {
                names.add(f.name());
            }
            for (String o : m.ordering()) {
                String name = o.startsWith("-") ? o.substring(1) : o;
                if (!names.contains(name)) {
                    problems.add(model + ": ordering names '" + name + "', which is not a field of " + model);
                }
            }
            for (ManyToManyMeta mm : m.manyToMany()) {
                if (m.compositePrimaryKey()) {
                    problems.add(model + "." + mm.name() + " is a many-to-many relation from " + model + ", which has "
                            + "a composite primary key (" + Keys.names(m) + "); a many-to-many relation needs a "
                            + "single-field key on both ends: use an explicit model with foreign keys instead");
                }
                ModelMeta mmTarget = metas.get(mm.targetModel());
                if (mmTarget != null && mmTarget.compositePrimaryKey()) {
                    problems.add(model + "." + mm.name() + " is a many-to-many relation to "
                            + mmTarget.simpleName() + ", which has a composite primary key (" + Keys.names(mmTarget)
                            + "); a many-to-many relation needs a single-field key on both ends: give "
                            + mmTarget.simpleName() + " a single @PrimaryKey and declare (" + Keys.names(mmTarget)
                            + ") in uniqueTogether");
                }
                if (!metas.containsKey(mm.targetModel())) {
                    problems.add(model + "." + mm.name() + " is a many-to-many relation to " + mm.targetModel()
                            + ", which is not registered: add its _.TYPE to the Orm's models");
                } else if (mm.throughModel() != null) {
                    checkThrough(m, mm, metas, problems);
                }
            }
            // a child inherits its parent's reverse accessors, whose foreign key points at the parent
            for (ReverseMeta r : m.reverse()) {
                ModelMeta src = metas.get(r.sourceModel());
                int i = src == null ? -1 : src.indexOf(r.field());
                if (i < 0 || src.fields().get(i).foreignKey() == null
                        || !Inheritances.isOrExtends(m, src.fields().get(i).foreignKey().targetModel(), metas::get)
                        && !SingleTables.extendsModel(t, src.fields().get(i).foreignKey().targetModel())) {
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
        ModelMeta target = metas.get(fk.targetModel());
        if (target == null) {
            problems.add(where(m, f) + " is a foreign key to " + fk.targetModel()
                    + ", which is not a registered model: add " + simple(fk.targetModel())
                    + "_.TYPE to the Orm's models");
        } else if (target.compositePrimaryKey()) {
            problems.add(where(m, f) + " is a foreign key to " + target.simpleName()
                    + ", which has a composite primary key (" + Keys.names(target)
                    + "); a foreign key needs a single-field key: give "
                    + target.simpleName() + " a single @PrimaryKey and declare (" + Keys.names(target)
                    + ") in uniqueTogether");
        }
        if (fk.onDelete() == OnDelete.SET_NULL && !f.nullable()) {
            problems.add(where(m, f) + " uses on_delete SET_NULL but is not nullable: add nullable = true");
        }
        if (fk.onDelete() == OnDelete.SET_DEFAULT && f.defaultValue() == null) {
            problems.add(where(m, f)
                    + " uses on_delete SET_DEFAULT but declares no default: add @Column(defaultValue)");
        }
        if (fk.dbOnDelete() != io.covet.orm.DbOnDelete.DEFAULT && fk.onDelete() != OnDelete.DO_NOTHING) {
            problems.add(where(m, f) + " declares the database rule ON DELETE " + fk.dbOnDelete() + " and on_delete "
                    + fk.onDelete() + ", so both Covet and the database would act: use onDelete = DO_NOTHING");
        }
        if (fk.dbOnDelete() == io.covet.orm.DbOnDelete.SET_NULL && !f.nullable()) {
            problems.add(where(m, f) + " declares the database rule ON DELETE SET_NULL but is not nullable: add "
                    + "nullable = true");
        }
    }

    /** "Model.field", built only for a problem: this check runs for every foreign key at every build. */
    private static String where(ModelMeta m, FieldMeta f) {
        return m.simpleName() + "." + f.name();
    }

    private static void checkCompositeKey(ModelMeta m, List<String> problems) {
        String model = m.simpleName();
        if (m.compositeKey().size() < 2) {
            problems.add(model + ": a composite primary key needs at least two fields, not " + m.compositeKey()
                    + ": for one field use @PrimaryKey(auto = false)");
        }
        Set<String> names = new HashSet<>();
        for (String name : m.compositeKey()) {
            int i = m.indexOf(name);
            if (!names.add(name)) {
                problems.add(model + ": the composite primary key names '" + name + "' twice");
            } else if (i < 0) {
                problems.add(model + ": the composite primary key names '" + name + "', which is not a field of "
                        + model);
            } else if (!m.fields().get(i).primaryKey() || m.fields().get(i).nullable()) {
                problems.add(model + "." + name + " is in the composite primary key, so its metadata must mark it "
                        + "primaryKey and not nullable");
            }
        }
        for (FieldMeta f : m.fields()) {
            if (f.primaryKey() && !names.contains(f.name())) {
                problems.add(model + " has both a composite primary key (" + String.join(", ", m.compositeKey())
                        + ") and the @PrimaryKey field '" + f.name() + "': keep one of them");
            }
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
                toSource |= Inheritances.isOrExtends(m, f.foreignKey().targetModel(), metas::get);
                toTarget |= f.foreignKey().targetModel().equals(mm.targetModel());
            }
        }
        if (!toSource || !toTarget) {
            problems.add(m.simpleName() + "." + mm.name() + " goes through " + through.simpleName()
                    + ", which needs a foreign key to " + m.simpleName() + " and one to " + simple(mm.targetModel()));
        }
    }

    private static void checkEngine(ModelMeta m, FieldMeta f, Engine e, List<String> problems) {
        String engine = e.displayName();
        // The limits below are each engine's type limits (DECIMAL digits, VARCHAR length in utf8mb4, which values
        // can be indexed), numbers and type rules rather than capabilities; their home would be covet-schema's
        // per-dialect type mapping, which renders these columns.
        if (f.type() == FieldType.DECIMAL) {
            int maxP = e == Engine.MARIADB ? 65 : 1000;
            int maxS = e == Engine.MARIADB ? 30 : f.precision();
            if (f.precision() < 1 || f.precision() > maxP || f.scale() < 0 || f.scale() > maxS) {
                problems.add(where(m, f) + ": DECIMAL(" + f.precision() + "," + f.scale() + ") is not supported by "
                        + engine + " (precision 1.." + maxP + ", scale 0.." + maxS + ")");
            }
        }
        if (f.type().bounded() && e == Engine.MARIADB && f.maxLength() > 16383) {
            problems.add(where(m, f) + ": VARCHAR(" + f.maxLength()
                    + ") is not supported by MariaDB with utf8mb4 (at most 16383 characters): use FieldType.TEXT");
        }
        if (f.type().bounded() && f.maxLength() < 1) {
            problems.add(where(m, f) + ": maxLength must be at least 1");
        }
        boolean blob = f.type() == FieldType.TEXT || f.type() == FieldType.JSON || f.type() == FieldType.BINARY;
        if (blob && e == Engine.MARIADB && (f.unique() || f.indexed() || f.primaryKey())) {
            problems.add(where(m, f) + ": a unique or indexed " + f.type() + " column is not supported by MariaDB "
                    + "(it cannot index unbounded values): use a STRING with maxLength");
        }
        if (blob && e == Engine.POSTGRESQL && f.type() == FieldType.JSON && f.primaryKey()) {
            problems.add(where(m, f) + ": a JSON primary key is not supported by PostgreSQL");
        }
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
