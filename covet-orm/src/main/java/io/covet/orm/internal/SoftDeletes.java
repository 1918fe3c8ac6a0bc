package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Audit;
import io.covet.orm.DoesNotExist;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelType;
import io.covet.orm.spi.SoftDeleteMeta;
import io.covet.sql.Assignment;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Soft deletes ({@code @SoftDelete}): the condition that hides deleted rows from a query's own table and from every
 * joined table, the stamping of rows (used by {@link Deleter}), restore and purge. Not an API.
 */
public final class SoftDeletes {
    private static final int CHUNK = 1000;

    private SoftDeletes() {
    }

    /** The deletion-time column of {@code type} in {@code t}; null for a model without soft delete. */
    static Column<?> column(ModelType<?> type, Table t) {
        SoftDeleteMeta sd = type.meta().softDelete();
        return sd == null ? null : type.columns(t).get(type.meta().indexOf(sd.field()));
    }

    /** Live rows of {@code type} in {@code t} (no condition for a model without soft delete). */
    static Condition live(OrmRuntime orm, ModelType<?> type, Table t) {
        Column<?> c = column(type, t);
        Condition rows = SingleTables.rows(orm, type, t); // a single-table subclass's rows only
        return c == null ? rows : c.isNull().and(rows);
    }

    /** The query's filters and what its visibility asks of its own table. */
    static Condition where(OrmRuntime orm, QuerySpec<?> q) {
        Column<?> c = column(q.type(), q.type().table());
        Condition w = q.where().and(SingleTables.rows(orm, q.type(), q.type().table()));
        if (c == null) {
            return w;
        }
        return switch (q.visibility()) {
            case LIVE -> w.and(c.isNull());
            case DELETED -> w.and(c.isNotNull());
            case ALL -> w;
        };
    }

    /**
     * Marks rows deleted now, by the current {@link Audit} user where the model records one; rows already deleted
     * keep their stamp. Sets the instances' fields to the stamp. Runs in the caller's transaction.
     *
     * @return the number of rows newly marked
     */
    static int stamp(ModelType<?> t, List<Entity> rows, List<Object> pks, Instant when, Database db) {
        SoftDeleteMeta sd = t.meta().softDelete();
        String user = sd.deletedByField() == null ? null
                : Audit.current().map(Audit.Actor::user).orElse(null);
        List<Assignment> set = new ArrayList<>();
        set.add(Writer.assign(column(t, t.table()), when));
        if (sd.deletedByField() != null) {
            set.add(Writer.assign(t.columns(t.table()).get(t.meta().indexOf(sd.deletedByField())), user));
        }
        int n = 0;
        Column<?> pk = Joins.pk(t, t.table());
        for (int from = 0; from < pks.size(); from += CHUNK) {
            n += Sql.update(t.table()).set(set.toArray(Assignment[]::new))
                    .where(Relations.in(pk, pks.subList(from, Math.min(pks.size(), from + CHUNK)))
                            .and(column(t, t.table()).isNull())).execute(db); // the keys are t's rows already
        }
        for (Entity e : rows) {
            setField(t, e, sd.field(), when);
            if (sd.deletedByField() != null) {
                setField(t, e, sd.deletedByField(), user);
            }
        }
        return n;
    }

    /**
     * The type whose table holds {@code t}'s soft-delete mark: a multi-table child's root (whose {@code @SoftDelete}
     * the child inherits), else {@code t} itself.
     */
    @SuppressWarnings("unchecked")
    static ModelType<?> marked(OrmRuntime orm, ModelType<?> t) {
        return t.meta().multiTable() ? MultiTables.parts(orm, (ModelType<Entity>) t).get(0).rows() : t;
    }

    /** The time a soft delete stamps: the database types keep microseconds at most. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Hard-deletes instances with the on_delete rules applied as hard deletes, in one transaction. */
    public static int purge(OrmRuntime orm, List<? extends Entity> instances, String dbName) {
        Database db = orm.database(dbName);
        return db.atomic(tx -> new Deleter(orm, db, dbName, true).delete(instances));
    }

    /**
     * Restores soft-deleted instances and the rows their deletes cascaded to (a soft-deleting child through a
     * CASCADE foreign key stamped at the same time), in one transaction.
     *
     * @throws OrmUsageException for a model without soft delete
     */
    public static int restore(OrmRuntime orm, List<? extends Entity> instances, String dbName) {
        return AppHistory.owned(() -> restoreOwned(orm, instances, dbName));
    }

    private static int restoreOwned(OrmRuntime orm, List<? extends Entity> instances, String dbName) {
        if (instances.isEmpty()) {
            return 0;
        }
        ModelType<?> type = orm.typeOf(instances.get(0));
        requireSoft(type, "restore");
        Database db = orm.database(dbName);
        return db.atomic(tx -> {
            List<Object> pks = new ArrayList<>();
            for (Entity e : instances) {
                pks.add(Access.get().primaryKey(e));
            }
            int n = restoreRows(orm, db, dbName, type, pks, null);
            for (Entity e : instances) {
                setField(type, e, type.meta().softDelete().field(), null);
                if (type.meta().softDelete().deletedByField() != null) {
                    setField(type, e, type.meta().softDelete().deletedByField(), null);
                }
            }
            return n;
        });
    }

    /** Restores the soft-deleted rows a query matches (and their cascades), in one transaction. */
    @SuppressWarnings("unchecked")
    public static int restore(OrmRuntime orm, QuerySpec<?> q) {
        return AppHistory.owned(() -> restoreOwned(orm, q));
    }

    @SuppressWarnings("unchecked")
    private static int restoreOwned(OrmRuntime orm, QuerySpec<?> q) {
        requireSoft(q.type(), "restore");
        Database db = orm.database(q.database());
        String dbName = orm.databaseName(q.database());
        QuerySpec<?> deleted = q.withVisibility(Visibility.DELETED).withOrder(List.of());
        return db.atomic(tx -> restoreRows(orm, db, dbName, q.type(), new ArrayList<>(QueryReads.valuesFlat(orm,
                deleted, (Column<Object>) Joins.pk(q.type(), q.type().table()))), null));
    }

    /** Hard-deletes the rows a query matches (with its visibility), in one transaction. */
    public static <T extends Entity> int purge(OrmRuntime orm, QuerySpec<T> q) {
        Database db = orm.database(q.database());
        String dbName = orm.databaseName(q.database());
        return AppHistory.owned(() -> db.atomic(tx -> {
            List<T> rows = QueryReads.list(orm, q);
            return rows.isEmpty() ? 0 : new Deleter(orm, db, dbName, true).delete(new ArrayList<>(rows));
        }));
    }

    /** Restores the rows with keys {@code pks} (those stamped {@code when}, when given), then their cascades. */
    @SuppressWarnings("unchecked")
    private static int restoreRows(OrmRuntime orm, Database db, String dbName, ModelType<?> t, List<Object> pks,
                                   Instant when) {
        if (pks.isEmpty()) {
            return 0;
        }
        Column<?> deletedAt = column(t, t.table());
        Column<?> pk = Joins.pk(t, t.table());
        // each deleted row's stamp: the children its delete cascaded to carry the same one
        Map<Object, Instant> stamps = new LinkedHashMap<>();
        QuerySpec<Entity> q = QuerySpec.all((ModelType<Entity>) t).withDatabase(dbName)
                .withVisibility(Visibility.DELETED).and(Relations.in(pk, pks));
        if (when != null) {
            q = q.and(Relations.eq(deletedAt, when));
        }
        List<Object> found = new ArrayList<>();
        for (List<Object> r : QueryReads.valuesList(orm, q.withOrder(List.of()), List.of(pk, deletedAt))) {
            stamps.put(r.get(0), (Instant) r.get(1));
            found.add(r.get(0));
        }
        if (found.isEmpty()) {
            return 0;
        }
        ModelType<?> w = marked(orm, t);
        List<Assignment> set = new ArrayList<>();
        set.add(Writer.assign(column(w, w.table()), null));
        String byField = t.meta().softDelete().deletedByField();
        if (byField != null) {
            set.add(Writer.assign(w.columns(w.table()).get(w.meta().indexOf(byField)), null));
        }
        int n = 0;
        Column<?> key = Joins.pk(w, w.table());
        for (int from = 0; from < found.size(); from += CHUNK) {
            n += Sql.update(w.table()).set(set.toArray(Assignment[]::new))
                    .where(Relations.in(key, found.subList(from, Math.min(found.size(), from + CHUNK)))).execute(db);
        }
        if (AppHistory.captured(t)) {
            AppHistory.updated(db, t, AppHistory.single(found));
        }
        Map<Instant, List<Object>> byStamp = new LinkedHashMap<>();
        stamps.forEach((k, s) -> byStamp.computeIfAbsent(s, x -> new ArrayList<>()).add(k));
        for (ModelType<?> other : orm.types()) {
            if (other.meta().softDelete() == null) {
                continue;
            }
            List<FieldMeta> fields = other.meta().fields();
            for (int i = 0; i < fields.size(); i++) {
                FieldMeta f = fields.get(i);
                if (f.foreignKey() == null || f.foreignKey().onDelete() != io.covet.orm.OnDelete.CASCADE
                        || !f.foreignKey().targetModel().equals(t.meta().name())) {
                    continue;
                }
                Column<?> fk = other.columns(other.table()).get(i);
                Column<?> childPk = Joins.pk(other, other.table());
                for (Map.Entry<Instant, List<Object>> e : byStamp.entrySet()) {
                    QuerySpec<Entity> children = QuerySpec.all((ModelType<Entity>) other).withDatabase(dbName)
                            .withVisibility(Visibility.DELETED).and(Relations.in(fk, e.getValue()))
                            .and(Relations.eq(column(other, other.table()), e.getKey()));
                    List<Object> keys = new ArrayList<>(QueryReads.valuesFlat(orm, children, childPk));
                    n += restoreRows(orm, db, dbName, other, keys, e.getKey());
                }
            }
        }
        return n;
    }

    /**
     * The error of a lazy load that found no live row: when the row exists but is soft-deleted, says so and how to
     * read it; else null (the caller reports a plain {@link DoesNotExist}).
     */
    public static DoesNotExist deletedTarget(OrmRuntime orm, ModelType<?> target, Object id, String dbName,
                                             String where) {
        if (target.meta().softDelete() == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        QuerySpec<Entity> q = QuerySpec.all((ModelType<Entity>) target).withDatabase(dbName)
                .withVisibility(Visibility.DELETED).and(Relations.eq(Joins.pk(target, target.table()), id));
        if (!QueryReads.exists(orm, q)) {
            return null;
        }
        String name = target.meta().simpleName();
        return new io.covet.orm.DeletedReference(where + " points at " + name + " " + id + ", which is soft-deleted: "
                + "read it with orm.objects(" + name + "_.TYPE).allObjects().get(id), or restore it");
    }

    /** Refuses a soft-delete operation on a model without {@code @SoftDelete}. */
    public static void requireSoft(ModelType<?> type, String operation) {
        if (type.meta().softDelete() == null) {
            throw new OrmUsageException(operation + "() needs a @SoftDelete model; " + type.meta().simpleName()
                    + " has none, so its deletes remove rows and there is nothing to " + operation);
        }
    }

    private static void setField(ModelType<?> t, Entity e, String field, Object value) {
        int i = t.meta().indexOf(field);
        @SuppressWarnings("unchecked")
        ModelType<Entity> et = (ModelType<Entity>) t;
        et.set(e, i, value);
        Object[] snap = Access.get().snapshot(e);
        if (snap != null) {
            snap[i] = value;
        }
    }
}
