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
 * parent's (the generated table's read source); writes go to the two tables separately: the parent's part through
 * the parent's registered type (a child instance is a parent instance), the child's own part through a
 * {@link Link} type over the child's own table. Not an API.
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

    /** Inserts the parent's row (taking its generated key), then the child's own row linked to it. */
    static <T extends Entity> void insert(Writer w, OrmRuntime orm, ModelType<T> type, T e, Database db,
                                          String dbName) {
        w.insert(parent(orm, type), e, db, dbName);
        w.insert(link(orm, type), e, db, dbName);
        Access.get().attach(e, orm.api(), dbName, type, Writer.snapshot(type, e));
        type.bindRelations(e);
    }

    /** Updates the changed fields of each part, each table only when one of its fields changed. */
    static <T extends Entity> Set<String> update(Writer w, OrmRuntime orm, ModelType<T> type, T e, Database db) {
        Access access = Access.get();
        Object[] before = access.snapshot(e);
        int n = parent(orm, type).meta().fields().size();
        Set<String> changed = new LinkedHashSet<>();
        try {
            access.snapshot(e, Arrays.copyOfRange(before, 0, n));
            changed.addAll(w.update(parent(orm, type), e, db));
            Object[] own = new Object[1 + before.length - n];
            own[0] = before[type.meta().primaryKeyIndex()];
            System.arraycopy(before, n, own, 1, before.length - n);
            access.snapshot(e, own);
            changed.addAll(w.update(link(orm, type), e, db));
            access.snapshot(e, Writer.snapshot(type, e));
        } catch (RuntimeException ex) {
            access.snapshot(e, before);
            throw ex;
        }
        return changed;
    }

    /** Deletes the children's own rows, then their parents' rows; returns the number of parent rows deleted. */
    static int delete(OrmRuntime orm, ModelType<?> type, List<Object> pks, Database db) {
        if (pks.isEmpty()) {
            return 0;
        }
        Link<?> l = link(orm, (ModelType<Entity>) type);
        Sql.deleteFrom(l.table()).where(Relations.in(l.columns(l.table()).get(0), pks)).execute(db);
        ModelType<?> p = orm.type(type.meta().inheritance().parent());
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
