package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.orm.Entity;
import io.covet.orm.Validator;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.InheritanceMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes and deletes of multi-table children. A child's type reads its rows through its own table joined to its
 * ancestors' (the generated table's read source); writes go to each table separately: the root's part through the
 * root's registered type (a child instance is a root instance), each level's own part (a child's, and for a
 * grandchild its parent's too) through a {@link Link} type over that level's own table. Not an API.
 */
final class MultiTables {
    private static final Map<ModelType<?>, Link<?>> LINKS = new ConcurrentHashMap<>();

    private MultiTables() {
    }

    /** The parent's registered type, used on child instances (which extend the parent class). */
    @SuppressWarnings("unchecked")
    static <T extends Entity> ModelType<T> parent(OrmRuntime orm, ModelType<T> child) {
        return (ModelType<T>) orm.type(child.meta().inheritance().parent());
    }

    /** The type of the child's own table: the link column, then the child's own fields. */
    @SuppressWarnings("unchecked")
    static <T extends Entity> Link<T> link(OrmRuntime orm, ModelType<T> child) {
        return (Link<T>) LINKS.computeIfAbsent(child, c -> new Link<>(child, parent(orm, child).meta()));
    }

    /**
     * One table's part of a multi-table child's fields: the root's table (fields {@code [from, to)} at the same
     * indexes of {@code rows}), or one level's own table, a {@link Link} (its field 0 the link, then the level's
     * own fields {@code [from, to)} of the child).
     */
    record Part<T>(ModelType<T> rows, int from, int to) {
        /** Whether this is the root's table (not a level's own table). */
        boolean root() {
            return from == 0;
        }

        /** The index in {@link #rows} of the child's field {@code i} ({@code from <= i < to}). */
        int index(int i) {
            return root() ? i : i - from + 1;
        }
    }

    /**
     * The tables of a multi-table child, the root's first, then each level's own table down to the child's, with
     * the child's fields each holds.
     */
    @SuppressWarnings("unchecked")
    static <T extends Entity> List<Part<T>> parts(OrmRuntime orm, ModelType<T> type) {
        List<Part<T>> out = new ArrayList<>();
        ModelType<T> t = type;
        while (t.meta().multiTable()) {
            ModelType<T> p = parent(orm, t);
            out.add(0, new Part<>(link(orm, t), p.meta().fields().size(), t.meta().fields().size()));
            t = p;
        }
        out.add(0, new Part<>(t, 0, t.meta().fields().size()));
        return out;
    }

    /**
     * The multi-table ancestors of {@code m}, its parent first, up to the root; empty for a model that is not a
     * multi-table child.
     */
    static List<String> ancestors(OrmRuntime orm, io.covet.orm.spi.ModelMeta m) {
        List<String> out = new ArrayList<>();
        for (io.covet.orm.spi.ModelMeta t = m; t.multiTable(); t = orm.type(t.inheritance().parent()).meta()) {
            out.add(t.inheritance().parent());
        }
        return out;
    }

    /** Inserts the root's row (taking its generated key), then each level's own row linked to it, in order. */
    static <T extends Entity> void insert(Writer w, OrmRuntime orm, ModelType<T> type, T e, Database db,
                                          String dbName) {
        for (Part<T> p : parts(orm, type)) {
            w.insert(p.rows(), e, db, dbName);
        }
        Access.get().attach(e, orm.api(), dbName, type, Writer.snapshot(type, e));
        type.bindRelations(e);
    }

    /** Updates the changed fields of each part, each table only when one of its fields changed. */
    static <T extends Entity> Set<String> update(Writer w, OrmRuntime orm, ModelType<T> type, T e, Database db) {
        Access access = Access.get();
        Object[] before = access.snapshot(e);
        Set<String> changed = new LinkedHashSet<>();
        try {
            for (Part<T> p : parts(orm, type)) {
                Object[] part;
                if (p.root()) {
                    part = Arrays.copyOfRange(before, 0, p.to());
                } else {
                    part = new Object[1 + p.to() - p.from()];
                    part[0] = before[type.meta().primaryKeyIndex()];
                    System.arraycopy(before, p.from(), part, 1, p.to() - p.from());
                }
                access.snapshot(e, part);
                changed.addAll(w.update(p.rows(), e, db));
            }
            access.snapshot(e, Writer.snapshot(type, e));
        } catch (RuntimeException ex) {
            access.snapshot(e, before);
            throw ex;
        }
        return changed;
    }

    /**
     * Deletes the children's own rows, then each ancestor level's, the root's last; returns the number of root rows
     * deleted.
     */
    @SuppressWarnings("unchecked")
    static int delete(OrmRuntime orm, ModelType<?> type, List<Object> pks, Database db) {
        if (pks.isEmpty()) {
            return 0;
        }
        List<Part<Entity>> parts = parts(orm, (ModelType<Entity>) type);
        for (int k = parts.size() - 1; k > 0; k--) {
            ModelType<Entity> l = parts.get(k).rows();
            Sql.deleteFrom(l.table()).where(Relations.in(l.columns(l.table()).get(0), pks)).execute(db);
        }
        ModelType<Entity> p = parts.get(0).rows();
        return Sql.deleteFrom(p.table()).where(Relations.in(Joins.pk(p, p.table()), pks)).execute(db);
    }

    /** Whether field {@code i} of {@code type} is a multi-table child's inherited field (its parent's type has it). */
    static boolean inherited(OrmRuntime orm, ModelType<?> type, int i) {
        return type.meta().multiTable() && i < orm.type(type.meta().inheritance().parent()).meta().fields().size();
    }

    /** Whether {@code child} is a multi-table child of {@code parent}. */
    static boolean childOf(ModelType<?> child, ModelType<?> parent) {
        return child.meta().multiTable() && child.meta().inheritance().parent().equals(parent.meta().name());
    }

    /** A multi-table child's own table as a type over child instances: field 0 is the link, then its own fields. */
    static final class Link<T> extends ModelType<T> {
        private final ModelType<T> child;
        private final int parentFields;
        private final int pk;
        private final Table table;
        private final List<Column<?>> columns;

        Link(ModelType<T> child, ModelMeta parent) {
            super(child.javaClass(), plainLink(InheritanceMeta.ownTable(child.meta(), parent)));
            this.child = child;
            this.parentFields = parent.fields().size();
            this.pk = child.meta().primaryKeyIndex();
            this.table = Sql.table(child.meta().table());
            this.columns = columnsOf(table);
        }

        /** The own table's metadata with the link as a plain key (its value is the key, not a reference). */
        private static ModelMeta plainLink(ModelMeta own) {
            FieldMeta l = own.fields().get(0);
            List<FieldMeta> fields = new ArrayList<>(own.fields());
            fields.set(0, new FieldMeta(l.name(), l.column(), l.type(), l.javaType(), false, true, false, false,
                    l.maxLength(), l.precision(), l.scale(), null, null, List.of(), "", null, l.nativeType()));
            return new ModelMeta(own.name(), own.table(), fields, List.of(), own.indexes(), own.uniqueTogether(),
                    own.checks(), List.of(), List.of(), List.of(), own.readOnly());
        }

        private int childField(int field) {
            return field == 0 ? pk : parentFields + field - 1;
        }

        @Override
        public Table table() {
            return table;
        }

        @Override
        public List<Column<?>> columns(Table t) {
            if (t == table) {
                return columns;
            }
            return columnsOf(t);
        }

        private List<Column<?>> columnsOf(Table t) {
            List<Column<?>> all = child.columns(child.table());
            List<Column<?>> out = new ArrayList<>();
            out.add(Sql.field(t, meta().fields().get(0).column(), all.get(pk).type()));
            for (int i = parentFields; i < all.size(); i++) {
                out.add(Sql.field(t, all.get(i).name(), all.get(i).type()));
            }
            return List.copyOf(out);
        }

        @Override
        public T newInstance() {
            return child.newInstance();
        }

        @Override
        public T read(ResultSet rs, int from, Engine engine, Object[] snapshot) {
            throw new UnsupportedOperationException("a multi-table child is read through its own type");
        }

        @Override
        public Object get(T instance, int field) {
            return child.get(instance, childField(field));
        }

        @Override
        public void set(T instance, int field, Object value) {
            child.set(instance, childField(field), value);
        }

        @Override
        public List<Validator> validators(int field) {
            return child.validators(childField(field));
        }
    }
}
