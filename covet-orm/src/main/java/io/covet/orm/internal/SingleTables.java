package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.InheritanceMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the runtime does about single-table inheritance: the discriminator condition that narrows every query of a
 * subclass (its own table, its joins, its updates and deletes) to its rows, and the registry's checks of a
 * hierarchy. The shared table is described by {@link InheritanceMeta#sharedTable}. Not an API.
 */
public final class SingleTables {
    private SingleTables() {
    }

    /** The index of {@code m}'s discriminator field; -1 when {@code m} is not a single-table model. */
    static int discriminatorIndex(ModelMeta m) {
        if (!m.singleTable()) {
            return -1;
        }
        String column = m.inheritance().discriminator();
        for (int i = 0; i < m.fields().size(); i++) {
            if (m.fields().get(i).column().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The rows of {@code type} in {@code t}: {@code discriminator = value} for a single-table subclass without
     * registered subclasses of its own, {@code discriminator IN (its value, its registered descendants' values)}
     * for one with some (the values are bound parameters); no condition for any other model (a root's query sees
     * every row of the hierarchy).
     */
    static Condition rows(OrmRuntime orm, ModelType<?> type, Table t) {
        ModelMeta m = type.meta();
        if (!m.singleTableSubclass()) {
            return Sql.noCondition();
        }
        @SuppressWarnings("unchecked")
        Column<String> c = (Column<String>) type.columns(t).get(discriminatorIndex(m));
        List<String> values = orm.singleTables().values(type);
        return values.size() == 1 ? c.eq(values.get(0)) : c.in(values);
    }

    /**
     * Whether field {@code i} of {@code type} is a single-table subclass's inherited field (its nearest registered
     * ancestor's type has it, and acts on it: foreign keys are followed once, from the model declaring them).
     */
    static boolean inherited(OrmRuntime orm, ModelType<?> type, int i) {
        ModelType<?> parent = orm.singleTables().parent(type);
        return parent != null && i < parent.meta().fields().size();
    }

    /**
     * The registered single-table hierarchies of one registry: each model's nearest registered ancestor and its
     * registered descendants, found from the Java classes (a subclass of a subclass extends it). Immutable.
     */
    static final class Tree {
        private final Map<ModelType<?>, ModelType<?>> parents = new HashMap<>();
        private final Map<ModelType<?>, List<ModelType<?>>> descendants = new HashMap<>();
        private final Map<ModelType<?>, List<String>> values = new HashMap<>();

        /** The hierarchies among {@code types}. */
        Tree(Collection<ModelType<?>> types) {
            List<ModelType<?>> sti = types.stream().filter(t -> t.meta().singleTable()).toList();
            for (ModelType<?> t : sti) {
                List<ModelType<?>> below = new ArrayList<>();
                List<String> vs = new ArrayList<>(List.of(t.meta().inheritance().value()));
                for (ModelType<?> d : sti) {
                    if (d != t && below(d, t)) {
                        below.add(d);
                        vs.add(d.meta().inheritance().value());
                    }
                    if (d != t && below(t, d) && (parents.get(t) == null
                            || parents.get(t).javaClass().isAssignableFrom(d.javaClass()))) {
                        parents.put(t, d);
                    }
                }
                descendants.put(t, List.copyOf(below));
                values.put(t, List.copyOf(vs));
            }
        }

        private static boolean below(ModelType<?> d, ModelType<?> t) {
            return d.meta().inheritance().parent().equals(t.meta().inheritance().parent())
                    && t.javaClass().isAssignableFrom(d.javaClass());
        }

        /** The discriminator values of {@code type}'s rows: its own, then its registered descendants'. */
        List<String> values(ModelType<?> type) {
            List<String> vs = values.get(type);
            return vs == null ? List.of(type.meta().inheritance().value()) : vs;
        }

        /** The registered models below {@code type} in its hierarchy (children, grandchildren, ...). */
        List<ModelType<?>> descendants(ModelType<?> type) {
            return descendants.getOrDefault(type, List.of());
        }

        /** The nearest registered model above {@code type} in its hierarchy; null for a root or another model. */
        ModelType<?> parent(ModelType<?> type) {
            return parents.get(type);
        }
    }

    /**
     * One sentence per problem of the registered single-table hierarchies (models by class name): a subclass whose
     * root is not registered, two models with the same discriminator value, two subclasses giving one column
     * different types. The processor finds the last two among models compiled together; this finds them across
     * compilations.
     */
    static List<String> problems(Map<String, ModelMeta> metas) {
        List<String> out = new ArrayList<>();
        Map<String, List<ModelMeta>> byRoot = new TreeMap<>();
        for (ModelMeta m : new TreeMap<>(metas).values()) {
            if (!m.singleTable()) {
                continue;
            }
            String root = m.inheritance().parent();
            if (!metas.containsKey(root)) {
                String simple = root.substring(root.lastIndexOf('.') + 1);
                out.add("single-table subclass " + m.simpleName() + " extends " + simple + ", which is not "
                        + "registered: add " + simple + "_.TYPE to Orm.builder().models(...) (its table holds the "
                        + "subclass's rows)");
                continue;
            }
            byRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(m);
        }
        for (List<ModelMeta> ms : byRoot.values()) {
            Map<String, ModelMeta> values = new HashMap<>();
            Map<String, FieldMeta> columns = new HashMap<>();
            Map<String, ModelMeta> owners = new HashMap<>();
            for (ModelMeta m : ms) {
                ModelMeta prev = values.putIfAbsent(m.inheritance().value(), m);
                if (prev != null) {
                    out.add("single-table models " + prev.simpleName() + " and " + m.simpleName() + " both have the "
                            + "discriminator value '" + m.inheritance().value() + "': give one of them another "
                            + "@Model(discriminatorValue = ...)");
                }
                if (!m.singleTableSubclass()) {
                    continue;
                }
                List<FieldMeta> fs = m.fields();
                for (FieldMeta f : fs.subList(discriminatorIndex(m) + 1, fs.size())) {
                    String key = f.column().toLowerCase(Locale.ROOT);
                    FieldMeta other = columns.putIfAbsent(key, f);
                    if (other != null && !InheritanceMeta.sameColumn(other, f)) {
                        out.add("single-table subclasses " + owners.get(key).simpleName() + " and " + m.simpleName()
                                + " both map column " + f.column() + " of table " + m.table() + " with different "
                                + "types (" + other.type() + ", " + f.type() + "): give both fields the same type or "
                                + "one of them another column with @Column(name = ...)");
                    }
                    owners.putIfAbsent(key, m);
                }
            }
        }
        return out;
    }
    /**
     * Whether {@code type} is a single-table subclass below the model {@code model} (a class name): a reverse
     * relation it inherits from there is served by its rows, which are that model's rows too.
     */
    static boolean extendsModel(ModelType<?> type, String model) {
        if (!type.meta().singleTableSubclass()) {
            return false;
        }
        for (Class<?> c = type.javaClass().getSuperclass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(model)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One sentence per registered single-table subclass extending a {@code @Model} class between it and its root
     * that is not registered: queries on that model would not see the subclass's rows, nor could it be queried.
     */
    static List<String> unregisteredParents(Collection<ModelType<?>> types) {
        java.util.Set<Class<?>> registered = new java.util.HashSet<>();
        types.forEach(t -> registered.add(t.javaClass()));
        List<String> out = new ArrayList<>();
        for (ModelType<?> t : types) {
            if (!t.meta().singleTableSubclass()) {
                continue;
            }
            String root = t.meta().inheritance().parent();
            for (Class<?> c = t.javaClass().getSuperclass(); c != null && !c.getName().equals(root);
                 c = c.getSuperclass()) {
                if (c.isAnnotationPresent(io.covet.orm.Model.class) && !registered.contains(c)) {
                    out.add("single-table subclass " + t.meta().simpleName() + " extends " + c.getSimpleName()
                            + ", which is not registered: add " + c.getSimpleName() + "_.TYPE to "
                            + "Orm.builder().models(...) (its queries include the rows of its subclasses)");
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The matching rows of a single-table root or subclass, each as the registered model its discriminator names
     * among the query's model and its registered descendants (the query's model where none has that value), in one
     * statement, then one per prefetched relation. The SELECT repeats the query model's columns for each
     * descendant, followed by the descendant's own, so that each model's generated reader reads its fields in a
     * row. On a model without registered descendants, the plain list.
     *
     * With selectRelated and annotations, each instance carries the related instances and the annotation values.
     */
    @SuppressWarnings("unchecked")
    static <T extends Entity> List<T> listPolymorphic(OrmRuntime orm, QuerySpec<T> q) {
        ModelType<T> type = q.type();
        List<ModelType<?>> descendants = orm.singleTables().descendants(type);
        if (descendants.isEmpty()) {
            return QueryReads.list(orm, q);
        }
        Database d = orm.database(q.database());
        Engine engine = d.engine();
        // selectRelated and annotations: the query's own plan reads them (its items first), for whichever model
        // the row turns out to be
        boolean extras = !q.related().isEmpty() || !q.annotations().isEmpty();
        EntityMapper<T> base = extras ? EntityMapper.of(orm, q, engine) : null;
        List<Column<?>> rootColumns = type.columns(type.table());
        List<SelectItem> items = new ArrayList<>(extras ? base.items() : rootColumns);
        Map<String, ModelType<T>> byValue = new HashMap<>();
        Map<String, Integer> from = new HashMap<>();
        int next = items.size() + 1;
        for (ModelType<?> t : descendants) {
            List<Column<?>> cols = t.columns(t.table());
            byValue.put(t.meta().inheritance().value(), (ModelType<T>) t);
            from.put(t.meta().inheritance().value(), next);
            items.addAll(cols);
            next += cols.size();
        }
        int discriminator = discriminatorIndex(type.meta()) + 1;
        if (extras) {
            items.add(rootColumns.get(discriminator - 1));
            discriminator = items.size();
        }
        int disc = discriminator;
        Object api = orm.api();
        String db = orm.databaseName(q.database());
        Access access = Access.get();
        List<T> out = QuerySql.select(orm, q, items, true).statement(d).list(rs -> {
            String value = rs.getString(disc);
            ModelType<T> t = byValue.get(value);
            if (extras && t == null) {
                return base.map(rs);
            }
            ModelType<T> as = t == null ? type : t;
            Object[] snapshot = new Object[as.meta().fields().size()];
            T o = as.read(rs, t == null ? 1 : from.get(value), engine, snapshot);
            access.attach((Entity) o, api, db, as, snapshot);
            as.bindRelations(o);
            if (extras) {
                base.readExtras(rs, o);
            }
            return o;
        });
        if (!q.prefetch().isEmpty() && !out.isEmpty()) {
            Prefetcher.run(orm, q.prefetch(), out);
        }
        return out;
    }
}
