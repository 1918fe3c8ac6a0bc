package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Entity;
import io.covet.orm.PersistenceHook;
import io.covet.orm.ProtectedError;
import io.covet.orm.Signal;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ManyToManyMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes instances with Covet's on_delete rules: collects cascaded rows recursively and checks PROTECT before
 * anything changes, then sends PRE_DELETE, applies SET_NULL/SET_DEFAULT, deletes children before parents,
 * runs hooks and sends POST_DELETE. Runs inside the caller's transaction.
 */
final class Deleter {
    private final OrmRuntime orm;
    private final Access access = Access.get();
    private final Database db;
    private final String dbName;
    private final Map<ModelType<?>, List<Entity>> collected = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final List<Runnable> fieldUpdates = new ArrayList<>();
    private final boolean hard;
    /** Whether this delete only marks rows: the first instance's model has {@code @SoftDelete} and not {@link #hard}. */
    private boolean soft;

    Deleter(OrmRuntime orm, Database db, String dbName) {
        this(orm, db, dbName, false);
    }

    /** {@code hard}: remove rows even of {@code @SoftDelete} models ({@code purge}). */
    Deleter(OrmRuntime orm, Database db, String dbName, boolean hard) {
        this.orm = orm;
        this.db = db;
        this.dbName = dbName;
        this.hard = hard;
    }

    int delete(List<? extends Entity> instances) {
        if (instances.isEmpty()) {
            return 0;
        }
        ModelType<?> type = orm.typeOf(instances.get(0));
        soft = !hard && type.meta().softDeletes();
        java.time.Instant stamp = soft ? SoftDeletes.now() : null;
        collect(type, new ArrayList<>(instances));
        for (List<Entity> es : collected.values()) {
            es.forEach(e -> orm.send(Signal.PRE_DELETE, e, false, dbName));
        }
        fieldUpdates.forEach(Runnable::run);
        int n = 0;
        for (Map.Entry<ModelType<?>, List<Entity>> en : collected.entrySet()) {
            ModelType<?> t = en.getKey();
            List<Object> pks = new ArrayList<>();
            List<Entity> rows = new ArrayList<>();
            for (Entity e : en.getValue()) {
                boolean handled = false;
                for (PersistenceHook h : orm.hooks()) {
                    handled |= h.interceptDelete(e, db);
                }
                if (!handled) {
                    pks.add(access.primaryKey(e));
                    rows.add(e);
                }
            }
            if (!soft && AppHistory.captured(t)) {
                AppHistory.deleting(db, t, AppHistory.keys(t, rows));
            }
            if (soft) {
                n += SoftDeletes.stamp(SoftDeletes.marked(orm, t), rows, pks, stamp, db);
                if (AppHistory.captured(t)) {
                    AppHistory.updated(db, t, AppHistory.keys(t, rows));
                }
            } else if (t.meta().multiTable()) {
                clearJoinTables(t, pks);
                n += MultiTables.delete(orm, t, pks, db);
            } else if (t.meta().compositePrimaryKey()) {
                n += deleteByCompositeKey(t, rows);
            } else {
                clearJoinTables(t, pks);
                if (!pks.isEmpty()) {
                    n += Sql.deleteFrom(t.table()).where(Relations.in(Joins.pk(t, t.table()), pks)).execute(db);
                }
            }
        }
        for (List<Entity> es : collected.values()) {
            for (Entity e : es) {
                orm.hooks().forEach(h -> h.afterDelete(e, db));
                if (!soft) {
                    access.snapshot(e, null);
                }
                orm.send(Signal.POST_DELETE, e, false, dbName);
            }
        }
        return n;
    }

    /** Adds {@code rows} after the rows that cascade from them, so that children are deleted first. */
    private void collect(ModelType<?> type, List<Entity> rows) {
        List<Entity> fresh = new ArrayList<>();
        for (Entity e : rows) {
            if (seen.add(type.meta().name() + "#" + access.primaryKey(e))) {
                fresh.add(e);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        List<Object> pks = fresh.stream().map(access::primaryKey).toList();
        for (ModelType<?> other : orm.types()) {
            if (other.meta().proxy()) {
                continue; // its concrete model holds the same foreign keys
            }
            if (MultiTables.childOf(other, type)) {
                // a parent row goes with its child's row (the one-to-one link cascades), child part first
                List<? extends Entity> children = QueryReads.list(orm, entities(other)
                        .and(Relations.in(Joins.pk(other, other.table()), pks)));
                if (!children.isEmpty()) {
                    collect(other, new ArrayList<>(children));
                }
            }
            List<FieldMeta> fields = other.meta().fields();
            for (int i = 0; i < fields.size(); i++) {
                FieldMeta f = fields.get(i);
                if (f.foreignKey() == null || MultiTables.inherited(orm, other, i) || SingleTables.inherited(orm, other, i)
                        || !Inheritances.references(f.foreignKey().targetModel(), type.meta(), orm)) {
                    continue;
                }
                Column<?> fk = other.columns(other.table()).get(i);
                switch (f.foreignKey().onDelete()) {
                    case CASCADE -> {
                        if (soft && !other.meta().softDeletes()) {
                            // a soft delete changes no row of a model without soft delete: its target stays
                            continue;
                        }
                        // soft: live children only, so that rows deleted earlier keep their stamp
                        List<? extends Entity> children = QueryReads.list(orm, entities(other)
                                .and(Relations.in(fk, pks)));
                        if (!children.isEmpty()) {
                            collect(other, new ArrayList<>(children));
                        }
                    }
                    case PROTECT -> {
                        long n = QueryReads.count(orm, entities(other).and(Relations.in(fk, pks)));
                        if (n > 0) {
                            throw new ProtectedError("cannot delete " + type.meta().simpleName() + " " + pks + ": "
                                    + n + " " + other.meta().simpleName() + " row(s) point at it through "
                                    + other.meta().simpleName() + "." + f.name() + " (on_delete=PROTECT); delete "
                                    + "or reassign them first. Nothing was deleted.");
                        }
                    }
                    case SET_NULL, SET_DEFAULT -> {
                        if (!soft) {
                            fieldUpdates.add(setTo(other, i, f, fk, pks));
                        }
                    }
                    case RESTRICT, DO_NOTHING -> {
                        // left to the database constraint (see OnDelete)
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        collected.computeIfAbsent(type, k -> new ArrayList<>()).addAll(fresh);
    }

    /** The update of a SET_NULL or SET_DEFAULT foreign key. */
    private Runnable setTo(ModelType<?> other, int i, FieldMeta f, Column<?> fk, List<Object> pks) {
        if (AppHistory.captured(other)) {
            Runnable plain = setToPlain(other, i, f, fk, pks);
            // the rows it changes, read first (in this transaction), so that their new versions are recorded
            return () -> {
                List<? extends Entity> rows = QueryReads.list(orm, entities(other).and(Relations.in(fk, pks)));
                plain.run();
                AppHistory.updated(db, other, AppHistory.keys(other, rows));
            };
        }
        return setToPlain(other, i, f, fk, pks);
    }

    private Runnable setToPlain(ModelType<?> other, int i, FieldMeta f, Column<?> fk, List<Object> pks) {
        if (f.foreignKey().onDelete() == io.covet.orm.OnDelete.SET_NULL) {
            return () -> Sql.update(other.table()).set(Writer.assign(fk, null)).where(Relations.in(fk, pks))
                    .execute(db);
        }
        Object def = defaultKey(other.columns(other.table()).get(i).type(), f.defaultValue());
        return () -> Sql.update(other.table()).set(Writer.assign(fk, def)).where(Relations.in(fk, pks)).execute(db);
    }

    /**
     * {@code DELETE … WHERE (a = ? AND b = ?) OR …} by the key each row was loaded with; no relation can point at a
     * model with a composite key, so there is nothing to cascade or clear.
     */
    private int deleteByCompositeKey(ModelType<?> t, List<Entity> rows) {
        int n = 0;
        for (int from = 0; from < rows.size(); from += 100) {
            List<Condition> keys = new ArrayList<>();
            for (Entity e : rows.subList(from, Math.min(rows.size(), from + 100))) {
                keys.add(Writer.keyCondition(t, access.snapshot(e)));
            }
            n += Sql.deleteFrom(t.table()).where(Sql.or(keys.toArray(Condition[]::new))).execute(db);
        }
        return n;
    }

    /**
     * Deletes the link rows of automatic many-to-many relations whose either end names a row {@code t}'s delete
     * removes: {@code t}'s own, and through inheritance a multi-table ancestor's (whose row goes too) or another
     * model of the same table (a single-table subclass's or its root's); each join table column once.
     */
    private void clearJoinTables(ModelType<?> t, List<Object> pks) {
        if (pks.isEmpty()) {
            return;
        }
        Set<String> done = new HashSet<>();
        for (ModelType<?> other : orm.types()) {
            boolean source = Inheritances.references(other.meta().name(), t.meta(), orm);
            for (ManyToManyMeta mm : other.meta().manyToMany()) {
                if (!mm.automatic()) {
                    continue;
                }
                Table j = Sql.table(mm.table());
                if (source && done.add(mm.table() + "." + mm.sourceColumn())) {
                    Sql.deleteFrom(j).where(Relations.in(Sql.field(j, mm.sourceColumn(), Object.class), pks))
                            .execute(db);
                }
                if (Inheritances.references(mm.targetModel(), t.meta(), orm)
                        && done.add(mm.table() + "." + mm.targetColumn())) {
                    Sql.deleteFrom(j).where(Relations.in(Sql.field(j, mm.targetColumn(), Object.class), pks))
                            .execute(db);
                }
            }
        }
    }

    /** Every row of a model known to extend {@link Entity} (one with a foreign key: records have none). */
    @SuppressWarnings("unchecked")
    private QuerySpec<Entity> entities(ModelType<?> type) {
        // a hard delete must reach soft-deleted rows too: they still point at the row
        return QuerySpec.all((ModelType<Entity>) type).withDatabase(dbName)
                .withVisibility(soft ? Visibility.LIVE : Visibility.ALL);
    }

    private static Object defaultKey(Class<?> type, String literal) {
        if (type == Long.class) {
            return Long.valueOf(literal);
        }
        if (type == Integer.class) {
            return Integer.valueOf(literal);
        }
        if (type == Short.class) {
            return Short.valueOf(literal);
        }
        return literal;
    }
}
