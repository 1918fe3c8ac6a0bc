package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Signal;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Assignment;
import io.covet.sql.Column;
import io.covet.orm.spi.Jdbc;
import io.covet.sql.Field;
import io.covet.sql.Insert;
import io.covet.sql.RenderedSql;
import io.covet.sql.Sql;
import io.covet.sql.Table;
import io.covet.sql.Update;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The set-based writes of a multi-table child, whose rows span its parent's table and its own: a query set's
 * {@code update()} (one UPDATE per table, keyed by the filtered keys, in one transaction), {@code bulkCreate} (the
 * parents' rows with their keys read back, then the children's rows) and {@code bulkUpdate} (each instance's
 * changed tables). Deletes go through the {@code Deleter}, which already removes both rows. Not an API.
 */
final class MultiTableWrites {
    private static final int KEYS_PER_STATEMENT = 1000;
    private static final int ROWS_PER_STATEMENT = 500;

    private MultiTableWrites() {
    }

    /**
     * Updates the matching children: the keys first (the filter may read every table), then one UPDATE of each
     * table (the root's, each level's own) that holds one of the assigned fields, per chunk of keys.
     *
     * @return the number of children updated
     */
    static <T extends Entity> int update(OrmRuntime orm, QuerySpec<T> q, Assignment... assignments) {
        ModelType<T> type = q.type();
        List<Column<?>> cols = type.columns(type.table());
        List<MultiTables.Part<T>> parts = MultiTables.parts(orm, type);
        // Each table takes the child's table name as its alias, so that an expression over its columns (rendered
        // against the child's table, e.g. Child_.PRICE.times(2)) names that table's columns.
        List<Table> tables = new ArrayList<>();
        List<List<Assignment>> sets = new ArrayList<>();
        for (MultiTables.Part<T> p : parts) {
            Table t = Sql.table(p.rows().meta().table());
            tables.add(p == parts.get(parts.size() - 1) ? t : t.as(type.meta().table()));
            sets.add(new ArrayList<>());
        }
        for (Assignment a : assignments) {
            int i = indexOf(cols, a.column());
            if (i < 0) {
                throw new OrmUsageException("update(" + a.column().name() + " = …) on a query of "
                        + type.meta().simpleName() + ": not a column of " + type.meta().simpleName() + "; fields: "
                        + type.meta().fields().stream().map(FieldMeta::name).toList() + ". Nothing was written.");
            }
            FieldMeta f = type.meta().fields().get(i);
            if (f.primaryKey() || f.generated() != null) {
                throw new OrmUsageException("update(" + f.name() + ") on a query of " + type.meta().simpleName()
                        + ": " + (f.primaryKey() ? "the key links the child's row to its parent's" : "a generated "
                        + "column is computed by the database") + " and cannot be updated. Nothing was written.");
            }
            for (int k = 0; k < parts.size(); k++) {
                if (i >= parts.get(k).from() && i < parts.get(k).to()) {
                    sets.get(k).add(assign(Sql.field(tables.get(k), f.column(), cols.get(i).type()), a.value()));
                }
            }
        }
        if (sets.stream().allMatch(List::isEmpty)) {
            return 0;
        }
        Database d = orm.database(q.database());
        Column<?> pk = Keys.column(type, type.table());
        List<Column<?>> keyOf = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            ModelMeta m = parts.get(k).rows().meta();
            keyOf.add(Sql.field(tables.get(k), m.fields().get(k == 0 ? m.primaryKeyIndex() : 0).column(), pk.type()));
        }
        return d.atomic(tx -> {
            List<Object> keys = new ArrayList<Object>(QueryReads.valuesFlat(orm, q.withOrder(List.of()), pk));
            int n = 0;
            for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
                List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
                int most = 0;
                for (int k = 0; k < parts.size(); k++) {
                    if (!sets.get(k).isEmpty()) {
                        most = Math.max(most, Sql.update(tables.get(k)).set(sets.get(k).toArray(Assignment[]::new))
                                .where(Relations.in(keyOf.get(k), chunk)).execute(d));
                    }
                }
                n += most;
            }
            return n;
        });
    }

    /**
     * Inserts new children: the roots' rows in bulk with their generated keys read back, then each level's own
     * rows linked to them, in one transaction; with {@code signals} (bulkCreate, not bulkLoad) save signals per
     * instance around all and the instances attached. A child's rows need its root's key, so even bulkLoad reads
     * the keys back here (no COPY).
     */
    static <T extends Entity> long bulkCreate(OrmRuntime orm, ModelType<T> type, List<T> items, String dbName,
                                              boolean signals) {
        Database db = orm.database(dbName);
        Access access = Access.get();
        return db.atomic(tx -> {
            if (signals) {
                items.forEach(e -> orm.send(Signal.PRE_SAVE, e, true, dbName));
            }
            for (MultiTables.Part<T> p : MultiTables.parts(orm, type)) {
                insertRows(p.rows(), items, db);
            }
            if (signals) {
                for (T e : items) {
                    access.attach(e, orm.api(), dbName, type, Writer.snapshot(type, e));
                    type.bindRelations(e);
                    orm.send(Signal.POST_SAVE, e, true, dbName);
                }
            }
            return (long) items.size();
        });
    }

    /** Multi-row INSERTs of one table's part of each instance; a generated key is read back and set. */
    private static <T extends Entity> void insertRows(ModelType<T> rows, List<T> items, Database db) {
        ModelMeta m = rows.meta();
        List<Column<?>> cols = rows.columns(rows.table());
        int pk = m.primaryKeyIndex();
        List<Integer> fields = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            FieldMeta f = m.fields().get(i);
            if (f.generated() == null && !(f.type().auto() && Writer.columnValue(rows, items.get(0), i) == null)) {
                fields.add(i);
            }
        }
        boolean auto = !fields.contains(pk);
        for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
            List<T> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT));
            Insert ins = Sql.insertInto(rows.table()).columns(fields.stream().map(cols::get).toArray(Column<?>[]::new));
            for (T e : chunk) {
                Object[] r = new Object[fields.size()];
                for (int k = 0; k < r.length; k++) {
                    r[k] = Writer.bound(m.fields().get(fields.get(k)), Writer.columnValue(rows, e, fields.get(k)));
                }
                ins = ins.values(r);
            }
            if (auto) {
                Class<?> kt = cols.get(pk).type();
                List<Object> ids = ins.returning(cols.get(pk)).statement(db).list(rs -> Jdbc.read(rs, 1, kt, db.engine()));
                // RETURNING lists rows in VALUES order on all three engines for a plain multi-row insert
                for (int k = 0; k < chunk.size(); k++) {
                    rows.set(chunk.get(k), pk, ids.get(k));
                }
            } else {
                ins.execute(db);
            }
        }
    }

    /**
     * Writes the named fields of saved children: each with batched UPDATEs of the table that holds it (the root's
     * or a level's own), in one transaction, with save signals per instance around all.
     */
    static <T extends Entity> int bulkUpdate(OrmRuntime orm, ModelType<T> type, List<T> items,
                                             List<String> fieldNames, String dbName) {
        ModelMeta m = type.meta();
        List<MultiTables.Part<T>> parts = MultiTables.parts(orm, type);
        Database db = orm.database(dbName);
        Access access = Access.get();
        return db.atomic(tx -> {
            for (T e : items) {
                if (!e.persisted()) {
                    throw new OrmUsageException("bulkUpdate: " + e + " was never saved");
                }
                for (String name : fieldNames) {
                    if (Deferral.untouched(e, m.indexOf(name))) {
                        throw new OrmUsageException("bulkUpdate: " + e + "." + name + " is deferred (not loaded) and "
                                + "not set: writing it would overwrite the row's value; load it first "
                                + "(orm.loadDeferred) or leave it out. Nothing was written.");
                    }
                }
                orm.send(Signal.PRE_SAVE, e, false, dbName);
            }
            int most = 0;
            for (MultiTables.Part<T> p : parts) {
                List<Integer> fields = new ArrayList<>();
                for (String name : fieldNames) {
                    int i = m.indexOf(name);
                    if (i >= p.from() && i < p.to()) {
                        fields.add(p.index(i));
                    }
                }
                most = Math.max(most, updateRows(p.rows(), items, fields, db));
            }
            for (T e : items) {
                access.snapshot(e, Writer.snapshot(type, e));
                orm.send(Signal.POST_SAVE, e, false, dbName);
            }
            return most;
        });
    }

    /** One batched UPDATE per instance of one table's part; {@code fields} are indexes of {@code rows}. */
    private static <T extends Entity> int updateRows(ModelType<T> rows, List<T> items, List<Integer> fields,
                                                     Database db) {
        if (fields.isEmpty()) {
            return 0;
        }
        ModelMeta m = rows.meta();
        List<Column<?>> cols = rows.columns(rows.table());
        String sql = null;
        List<String> tables = List.of();
        List<List<Object>> params = new ArrayList<>();
        for (T e : items) {
            Update u = Sql.update(rows.table());
            for (int i : fields) {
                u = u.set(Writer.assign(cols.get(i), Writer.bound(m.fields().get(i), Writer.columnValue(rows, e, i))));
            }
            Object[] keys = new Object[m.fields().size()];
            for (int i : m.primaryKeyIndexes()) {
                keys[i] = Writer.columnValue(rows, e, i);
            }
            RenderedSql r = u.where(Writer.keyCondition(rows, keys)).render(db.dialect());
            sql = r.sql();
            tables = r.tables();
            params.add(r.params());
        }
        return Arrays.stream(db.batch(sql, params, tables)).map(c -> c < 0 ? 1 : c).sum();
    }

    private static int indexOf(List<Column<?>> cols, Column<?> c) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(c.name()) && cols.get(i).table().name().equals(c.table() == null ? null
                    : c.table().name())) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static Assignment assign(Column<?> c, Field<?> value) {
        return ((Column<Object>) c).set((Field<Object>) value);
    }
}
