package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.DoesNotExist;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.PersistenceHook;
import io.covet.orm.Ref;
import io.covet.orm.Signal;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.Jdbc;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Assignment;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Insert;
import io.covet.sql.RenderedSql;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Update;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The write path: insert, update of changed fields, delete with on_delete rules, refresh, bulk writes. Not an API. */
public final class Writer {
    private static final int BULK_ROWS = 500;

    private final OrmRuntime orm;
    private final Access access = Access.get();

    Writer(OrmRuntime orm) {
        this.orm = orm;
    }

    /** The column value of field {@code i}: a foreign key's target key, else the converted Java value. */
    @SuppressWarnings("unchecked")
    static Object columnValue(ModelType<?> type, Entity e, int i) {
        Object v = ((ModelType<Object>) type).get(e, i);
        FieldMeta f = type.meta().fields().get(i);
        if (f.foreignKey() != null) {
            if (v == null) {
                return null;
            }
            Ref<?> r = (Ref<?>) v;
            if (r.id() == null) {
                throw new OrmUsageException(type.meta().simpleName() + "." + f.name() + " points at an unsaved "
                        + simple(f.foreignKey().targetModel()) + ": save it first");
            }
            return r.id();
        }
        return v;
    }

    static Object bound(FieldMeta f, Object columnValue) {
        return f.foreignKey() != null ? columnValue : Values.toColumn(f.type(), columnValue);
    }

    static Object[] snapshot(ModelType<?> type, Entity e) {
        Object[] s = new Object[type.meta().fields().size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = columnValue(type, e, i);
        }
        return s;
    }

    /** Inserts or updates an instance, with validation, signals and hooks, in one transaction. */
    public <T extends Entity> void save(T e, String dbName) {
        ModelType<T> type = orm.typeOf(e);
        if (orm.validateOnSave()) {
            Validation.fullClean(type, e);
        }
        Database db = orm.database(dbName);
        // the ORM's own writes: the raw-write policy of application-captured tables does not apply to them
        AppHistory.owned(() -> db.atomic(tx -> {
            boolean insert = !e.persisted()
                    || (!type.meta().compositePrimaryKey() && access.primaryKey(e) == null);
            orm.send(Signal.PRE_SAVE, e, insert, dbName);
            if (insert && type.meta().multiTable()) {
                MultiTables.insert(this, orm, type, e, db, dbName);
                for (PersistenceHook h : orm.hooks()) {
                    h.afterInsert(e, db);
                }
            } else if (insert) {
                insert(type, e, db, dbName);
                for (PersistenceHook h : orm.hooks()) {
                    h.afterInsert(e, db);
                }
            } else {
                Set<String> changed = type.meta().multiTable() ? MultiTables.update(this, orm, type, e, db)
                        : update(type, e, db);
                for (PersistenceHook h : orm.hooks()) {
                    h.afterUpdate(e, changed, db);
                }
            }
            orm.send(Signal.POST_SAVE, e, insert, dbName);
            return null;
        }));
    }

    <T extends Entity> void insert(ModelType<T> type, T e, Database db, String dbName) {
        ModelMeta m = type.meta();
        List<Column<?>> cols = type.columns(type.table());
        List<Column<?>> insertCols = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Integer> returned = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            FieldMeta f = m.fields().get(i);
            Object v = columnValue(type, e, i);
            if (f.generated() != null || v == null && (f.type().auto() || f.dbDefault() != null)) {
                returned.add(i);
                continue;
            }
            insertCols.add(cols.get(i));
            values.add(bound(f, v));
        }
        Insert ins = insertCols.isEmpty() ? Sql.insertInto(type.table()).defaultValues()
                : Sql.insertInto(type.table()).columns(insertCols.toArray(Column<?>[]::new)).values(values.toArray());
        if (returned.isEmpty()) {
            ins.execute(db);
        } else {
            SelectItem[] ret = returned.stream().map(cols::get).toArray(SelectItem[]::new);
            Object[] got = ins.returning(ret).statement(db).list(rs -> {
                Object[] out = new Object[returned.size()];
                for (int k = 0; k < out.length; k++) {
                    out[k] = Jdbc.read(rs, k + 1, cols.get(returned.get(k)).type(), db.engine());
                }
                return out;
            }).get(0);
            for (int k = 0; k < got.length; k++) {
                type.set(e, returned.get(k), fromColumn(m.fields().get(returned.get(k)), got[k]));
            }
        }
        access.attach(e, orm.api(), dbName, type, snapshot(type, e));
        type.bindRelations(e);
        if (AppHistory.captured(type)) {
            AppHistory.inserted(db, type, List.of(AppHistory.key(type, e)));
        }
    }

    private static Object fromColumn(FieldMeta f, Object v) {
        return f.foreignKey() != null && v != null ? Ref.id(v) : v;
    }

    <T extends Entity> Set<String> update(ModelType<T> type, T e, Database db) {
        ModelMeta m = type.meta();
        List<Column<?>> cols = type.columns(type.table());
        Object[] now = snapshot(type, e);
        Object[] before = access.snapshot(e);
        List<Assignment> sets = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        for (int i = 0; i < now.length; i++) {
            if (m.compositePrimaryKey() && m.fields().get(i).primaryKey()
                    && !Objects.deepEquals(now[i], before[i])) {
                List<Object> loaded = new ArrayList<>();
                for (int k : m.primaryKeyIndexes()) {
                    loaded.add(before[k]);
                }
                throw new OrmUsageException(m.simpleName() + " with key " + loaded + ": field "
                        + m.fields().get(i).name() + " is part of the composite primary key (" + Keys.names(m)
                        + ") and changed from " + before[i] + " to " + now[i] + "; a saved row's key "
                        + "cannot change: delete it and save a new instance. Nothing was written.");
            }
        }
        for (int i = 0; i < now.length; i++) {
            if (!m.fields().get(i).primaryKey() && !GeneratedFields.generated(m, i)
                    && !Objects.deepEquals(now[i], before[i])) {
                sets.add(assign(cols.get(i), bound(m.fields().get(i), now[i])));
                changed.add(m.fields().get(i).name());
            }
        }
        if (sets.isEmpty()) {
            return changed;
        }
        Update u = Sql.update(type.table()).set(sets.toArray(Assignment[]::new)).where(keyCondition(type, now));
        List<Integer> generated = GeneratedFields.indexes(m);
        // PostgreSQL: the UPDATE and its version in one statement
        Integer withVersion = generated.isEmpty() ? AppHistory.updateWithVersions(db, type, u) : null;
        int n = withVersion != null ? withVersion : generated.isEmpty() ? u.execute(db)
                : GeneratedFields.updateAndReadBack(type, e, u, db, now, generated);
        if (n != 1) {
            throw new DoesNotExist(e + " was not updated: its row is gone from table " + m.table()
                    + " (deleted since it was loaded?)");
        }
        access.snapshot(e, now);
        Deferral.written(e, changed);
        if (withVersion == null && AppHistory.captured(type)) {
            AppHistory.updated(db, type, List.of(AppHistory.key(type, e)));
        }
        return changed;
    }

    /**
     * {@code key = ?} (every key column for a composite key) for the row whose column values are {@code values}
     * (indexed like the model's fields).
     */
    static Condition keyCondition(ModelType<?> type, Object[] values) {
        ModelMeta m = type.meta();
        List<Column<?>> cols = type.columns(type.table());
        Condition c = Sql.noCondition();
        for (int i : m.primaryKeyIndexes()) {
            c = c.and(Relations.eq(cols.get(i), bound(m.fields().get(i), values[i])));
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    static Assignment assign(Column<?> c, Object value) {
        return ((Column<Object>) c).set(value);
    }

    /** Deletes instances with on_delete rules, signals and hooks, in one transaction. */
    public int delete(List<? extends Entity> instances, String dbName) {
        Database db = orm.database(dbName);
        return AppHistory.owned(() -> db.atomic(tx -> new Deleter(orm, db, dbName).delete(instances)));
    }

    /** Reloads every field of a saved instance, discarding unsaved changes and prefetched relations. */
    public <T extends Entity> void refresh(T e) {
        if (!e.persisted()) {
            throw new OrmUsageException(e + " cannot be refreshed: it was never saved");
        }
        ModelType<T> type = orm.typeOf(e);
        orm.requireRegistered(type);
        QuerySpec<T> all = QuerySpec.all(type).withDatabase(e.database()).withVisibility(Visibility.ALL)
                .withLoading(Loading.everything());
        T fresh = type.meta().compositePrimaryKey()
                ? QueryReads.get(orm, all.and(keyCondition(type, access.snapshot(e))))
                : QueryReads.get(orm, all, access.primaryKey(e));
        for (int i = 0; i < type.meta().fields().size(); i++) {
            type.set(e, i, type.get(fresh, i));
        }
        access.snapshot(e, access.snapshot(fresh));
        access.deferred(e, null);
        access.forgetPrefetched(e);
    }

    /** Inserts many new instances in chunks; with {@code keys}, reads keys back and sends signals. */
    public <T extends Entity> long bulkCreate(ModelType<T> type, List<T> items, String dbName, boolean keys) {
        return AppHistory.owned(() -> bulkCreateOwned(type, items, dbName, keys));
    }

    private <T extends Entity> long bulkCreateOwned(ModelType<T> type, List<T> items, String dbName, boolean keys) {
        if (items.isEmpty()) {
            return 0;
        }
        if (type.meta().multiTable()) {
            return MultiTableWrites.bulkCreate(orm, type, items, dbName, keys);
        }
        Database db = orm.database(dbName);
        ModelMeta m = type.meta();
        List<Column<?>> cols = type.columns(type.table());
        List<Integer> fields = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            FieldMeta f = m.fields().get(i);
            if (f.generated() == null && !(f.type().auto() && columnValue(type, items.get(0), i) == null)) {
                fields.add(i);
            }
        }
        int pk = m.primaryKeyIndex();
        boolean auto = pk >= 0 && m.fields().get(pk).type().auto() && !fields.contains(pk);
        // application history needs every loaded row's key: COPY only when the rows carry theirs
        boolean history = AppHistory.captured(type);
        if (!keys && db.supports(io.covet.core.dialect.Feature.COPY) && !(history && auto)) {
            List<String> names = fields.stream().map(i -> m.fields().get(i).column()).toList();
            List<Object[]> rows = new ArrayList<>(items.size());
            for (T e : items) {
                Object[] r = new Object[fields.size()];
                for (int k = 0; k < r.length; k++) {
                    Object v = bound(m.fields().get(fields.get(k)), columnValue(type, e, fields.get(k)));
                    // COPY sends text, which the server reads in the column's own type
                    r[k] = v instanceof io.covet.sql.Json j ? j.text() : v instanceof io.covet.core.NativeText t ? t.text()
                            : v instanceof List<?> l ? ArrayFields.literal(l) : v;
                }
                rows.add(r);
            }
            if (!history) {
                return db.bulkLoad(m.table(), names, rows);
            }
            return db.atomic(tx -> {
                long loaded = db.bulkLoad(m.table(), names, rows);
                AppHistory.inserted(db, type, AppHistory.keys(type, items));
                return loaded;
            });
        }
        return db.atomic(tx -> {
            long n = 0;
            for (int from = 0; from < items.size(); from += BULK_ROWS) {
                List<T> chunk = items.subList(from, Math.min(items.size(), from + BULK_ROWS));
                if (keys) {
                    chunk.forEach(e -> orm.send(Signal.PRE_SAVE, e, true, dbName));
                }
                Insert ins = Sql.insertInto(type.table()).columns(fields.stream().map(cols::get)
                        .toArray(Column<?>[]::new));
                for (T e : chunk) {
                    Object[] r = new Object[fields.size()];
                    for (int k = 0; k < r.length; k++) {
                        r[k] = bound(m.fields().get(fields.get(k)), columnValue(type, e, fields.get(k)));
                    }
                    ins = ins.values(r);
                }
                if ((keys || history) && auto) {
                    Class<?> kt = cols.get(pk).type();
                    List<Object> ids = ins.returning(cols.get(pk)).statement(db)
                            .list(rs -> Jdbc.read(rs, 1, kt, db.engine()));
                    // RETURNING lists rows in VALUES order on all three engines for a plain multi-row insert.
                    for (int k = 0; k < chunk.size() && keys; k++) {
                        type.set(chunk.get(k), pk, ids.get(k));
                    }
                    if (history) {
                        AppHistory.inserted(db, type, AppHistory.single(ids));
                    }
                } else {
                    ins.execute(db);
                    if (history) {
                        AppHistory.inserted(db, type, AppHistory.keys(type, chunk));
                    }
                }
                if (keys) {
                    for (T e : chunk) {
                        access.attach(e, orm.api(), dbName, type, snapshot(type, e));
                        type.bindRelations(e);
                        orm.send(Signal.POST_SAVE, e, true, dbName);
                    }
                }
                n += chunk.size();
            }
            return n;
        });
    }

    /** Writes the named fields of saved instances, one batched UPDATE per statement shape, with signals. */
    public <T extends Entity> int bulkUpdate(ModelType<T> type, List<T> items, List<String> fieldNames, String dbName) {
        return AppHistory.owned(() -> bulkUpdateOwned(type, items, fieldNames, dbName));
    }

    private <T extends Entity> int bulkUpdateOwned(ModelType<T> type, List<T> items, List<String> fieldNames,
                                                   String dbName) {
        ModelMeta m = type.meta();
        List<Column<?>> cols = type.columns(type.table());
        int[] idx = new int[fieldNames.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = m.indexOf(fieldNames.get(k));
            if (idx[k] < 0 || m.fields().get(idx[k]).primaryKey() || GeneratedFields.generated(m, idx[k])) {
                throw new OrmUsageException("bulkUpdate: '" + fieldNames.get(k) + "' is not an updatable field of "
                        + m.simpleName() + "; fields: " + m.fields().stream().map(FieldMeta::name).toList());
            }
        }
        if (items.isEmpty() || idx.length == 0) {
            return 0;
        }
        if (m.multiTable()) {
            return MultiTableWrites.bulkUpdate(orm, type, items, fieldNames, dbName);
        }
        Database db = orm.database(dbName);
        return db.atomic(tx -> {
            Map<String, List<List<Object>>> batches = new LinkedHashMap<>();
            Map<String, List<String>> tables = new HashMap<>();
            for (T e : items) {
                if (!e.persisted()) {
                    throw new OrmUsageException("bulkUpdate: " + e + " was never saved");
                }
                orm.send(Signal.PRE_SAVE, e, false, dbName);
                for (int i : idx) {
                    if (Deferral.untouched(e, i)) {
                        throw new OrmUsageException("bulkUpdate: " + e + "." + m.fields().get(i).name() + " is "
                                + "deferred (not loaded) and not set: writing it would overwrite the row's value; "
                                + "load it first (orm.loadDeferred) or leave it out. Nothing was written.");
                    }
                }
                Update u = Sql.update(type.table());
                for (int i : idx) {
                    u = u.set(assign(cols.get(i), bound(m.fields().get(i), columnValue(type, e, i))));
                }
                Object[] keys = new Object[m.fields().size()];
                for (int i : m.primaryKeyIndexes()) {
                    keys[i] = columnValue(type, e, i);
                }
                RenderedSql r = u.where(keyCondition(type, keys)).render(db.dialect());
                batches.computeIfAbsent(r.sql(), k -> new ArrayList<>()).add(r.params());
                tables.putIfAbsent(r.sql(), r.tables());
            }
            int n = 0;
            for (Map.Entry<String, List<List<Object>>> b : batches.entrySet()) {
                n += Arrays.stream(db.batch(b.getKey(), b.getValue(), tables.get(b.getKey()))).map(c -> c < 0 ? 1 : c).sum();
            }
            if (AppHistory.captured(type)) {
                AppHistory.updated(db, type, AppHistory.keys(type, items));
            }
            for (T e : items) {
                access.snapshot(e, snapshot(type, e));
                orm.send(Signal.POST_SAVE, e, false, dbName);
            }
            return n;
        });
    }

    static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
