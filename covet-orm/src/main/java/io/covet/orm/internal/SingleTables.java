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
     * The rows of {@code type} in {@code t}: {@code discriminator = value} for a single-table subclass; no
     * condition for any other model (a root's query sees every row of the hierarchy).
     */
    static Condition rows(ModelType<?> type, Table t) {
        ModelMeta m = type.meta();
        if (!m.singleTableSubclass()) {
            return Sql.noCondition();
        }
        @SuppressWarnings("unchecked")
        Column<String> c = (Column<String>) type.columns(t).get(discriminatorIndex(m));
        return c.eq(m.inheritance().value());
    }

    /**
     * Whether field {@code i} of {@code type} is a single-table subclass's inherited field (the root's type has
     * it, and acts on it: foreign keys are followed once, from the root).
     */
    static boolean inherited(ModelType<?> type, int i) {
        return type.meta().singleTableSubclass() && i <= discriminatorIndex(type.meta());
    }

    /** Whether {@code child} is a single-table subclass of the root {@code root}. */
    static boolean childOf(ModelType<?> child, ModelType<?> root) {
        return child.meta().singleTableSubclass() && child.meta().inheritance().parent().equals(root.meta().name());
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
     * The matching rows of a single-table root, each as the registered model its discriminator names (the root
     * where no registered subclass has that value), in one statement, then one per prefetched relation. The
     * SELECT repeats the root's columns for each subclass, followed by its own, so that each model's generated
     * reader reads its fields in a row. On a subclass, the plain list (a subclass has no subclasses).
     *
     * With selectRelated and annotations, each instance carries the related instances and the annotation values.
     */
    @SuppressWarnings("unchecked")
    static <T extends Entity> List<T> listPolymorphic(OrmRuntime orm, QuerySpec<T> q) {
        ModelType<T> type = q.type();
        if (type.meta().singleTableSubclass()) {
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
        for (ModelType<?> t : orm.types()) {
            if (childOf(t, type)) {
                List<Column<?>> cols = t.columns(t.table());
                byValue.put(t.meta().inheritance().value(), (ModelType<T>) t);
                from.put(t.meta().inheritance().value(), next);
                items.addAll(cols);
                next += cols.size();
            }
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
