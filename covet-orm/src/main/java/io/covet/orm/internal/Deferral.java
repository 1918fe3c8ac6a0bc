package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.pipeline.LazyLoad;
import io.covet.orm.DoesNotExist;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Select;
import io.covet.sql.Sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Deferred fields after the read: what an instance lacks, loading it (one query per instance, or one per chunk of
 * instances), and what the write path must leave alone. Not an API.
 */
public final class Deferral {
    private static final int KEYS_PER_STATEMENT = 500;

    private Deferral() {
    }

    /** How a column is named in messages: {@code Order_.total}, or {@code customer AS r_customer .email}. */
    static String describe(Column<?> c) {
        if (c.table() == null) {
            return c.name() + " (a column of no table)";
        }
        return (c.table().alias() == null ? c.table().name() : c.table().name() + " AS " + c.table().alias()) + "."
                + c.name();
    }

    /**
     * Checks the columns given to {@code only} or {@code defer} on a query of {@code type}: each belongs to a
     * registered model (the query's own table, or a related model's path table), and {@code defer} never names a
     * primary key.
     *
     * @throws OrmUsageException naming the column and the fix
     */
    public static void check(OrmRuntime orm, ModelType<?> type, List<? extends Column<?>> columns, String operation) {
        String model = type.meta().simpleName();
        if (columns.isEmpty()) {
            throw new OrmUsageException(operation + "() names no field: name the " + model + "_ columns to "
                    + (operation.equals("only") ? "load" : "leave out") + (operation.equals("defer")
                    ? ", or use deferNone() to load every field" : ""));
        }
        for (Column<?> c : columns) {
            ModelType<?> owner = null;
            if (c.table() != null && c.table().equals(type.table())) {
                owner = type;
            } else if (c.table() != null && c.table().alias() != null) {
                for (ModelType<?> t : orm.types()) {
                    if (t.meta().table().equals(c.table().name())) {
                        owner = t;
                    }
                }
            }
            int i = owner == null ? -1 : index(owner, c);
            if (i < 0) {
                throw new OrmUsageException(operation + "(" + describe(c) + ") on a query of " + model + ": not a "
                        + "field of " + model + " (table " + type.meta().table() + ") nor of a related model's "
                        + "path table; name " + model + "_ columns, or a related model's as "
                        + model + "_.<RELATION>.table().<column> with selectRelated of that path");
            }
            if (operation.equals("defer") && owner.meta().fields().get(i).primaryKey()) {
                throw new OrmUsageException("defer(" + describe(c) + "): " + owner.meta().simpleName() + "."
                        + owner.meta().fields().get(i).name() + " is the primary key, which is always loaded (it "
                        + "identifies the row to load deferred fields from and to save): remove it from defer()");
            }
        }
    }

    private static int index(ModelType<?> t, Column<?> c) {
        List<Column<?>> cols = t.columns(t.table());
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(c.name())) {
                return i;
            }
        }
        return -1;
    }

    /** The names of the fields the instance lacks, in field order; empty when it has them all. */
    public static List<String> names(Entity e) {
        Object s = Access.get().deferred(e);
        return s == null ? List.of() : ((DeferredState) s).names();
    }

    /** Whether the instance lacks field {@code field}; false for a name the model does not have. */
    public static boolean lacks(Entity e, String field) {
        Object s = Access.get().deferred(e);
        if (s == null) {
            return false;
        }
        DeferredState st = (DeferredState) s;
        return st.has(st.type().meta().indexOf(field));
    }

    /**
     * Checks that {@code field} is a field of the instance's model (a typo in a getter's
     * {@code ensureLoaded("…")} would otherwise go unnoticed while the field is loaded).
     */
    public static void requireField(Entity e, String field) {
        ModelType<?> t = Access.get().type(e);
        if (t != null && t.meta().indexOf(field) < 0) {
            throw new OrmUsageException("ensureLoaded(\"" + field + "\"): " + t.meta().simpleName() + " has no field "
                    + "'" + field + "'; fields: " + t.meta().fields().stream().map(f -> f.name()).toList());
        }
    }

    /**
     * Whether field {@code i} of the instance is deferred and still holds what the read left in it (the user has
     * not set it): such a field is neither validated nor written, since the instance does not know its value.
     */
    public static boolean untouched(Entity e, int i) {
        Access a = Access.get();
        Object s = a.deferred(e);
        if (s == null || !((DeferredState) s).has(i)) {
            return false;
        }
        Object[] snap = a.snapshot(e);
        return snap != null && Objects.deepEquals(Writer.columnValue(a.type(e), e, i), snap[i]);
    }

    /**
     * After an update wrote {@code written} (field names): those now hold the row's value, so they are no longer
     * deferred.
     */
    public static void written(Entity e, Set<String> written) {
        Access a = Access.get();
        Object s = a.deferred(e);
        if (s == null || written.isEmpty()) {
            return;
        }
        DeferredState st = (DeferredState) s;
        int[] left = java.util.Arrays.stream(st.fields())
                .filter(i -> !written.contains(st.type().meta().fields().get(i).name())).toArray();
        a.deferred(e, left.length == 0 ? null : new DeferredState(st.type(), left));
    }

    /**
     * Loads every deferred field of the instance with one query (none when it lacks nothing). A field the user set
     * since the read keeps the set value (its snapshot takes the row's, so that {@code save} writes it).
     *
     * @param accessed the field whose access asked for the load (the statement is then marked as a lazy load for
     *                 N+1 detection), or null for an explicit load
     * @throws DoesNotExist when the row is gone
     */
    public static void load(OrmRuntime orm, Entity e, String accessed) {
        Access a = Access.get();
        Object s = a.deferred(e);
        if (s == null) {
            return;
        }
        if (accessed == null) {
            loadAll(orm, List.of(e));
        } else {
            LazyLoad.deferredField(e.getClass().getSimpleName(), accessed).run(() -> {
                loadAll(orm, List.of(e));
                return null;
            });
        }
    }

    /**
     * Loads the deferred fields of many instances: one query per model, database and chunk of 500 keys (one per
     * instance for a composite key).
     *
     * @throws DoesNotExist when a row is gone
     */
    public static void loadAll(OrmRuntime orm, Collection<? extends Entity> instances) {
        Access a = Access.get();
        Map<List<Object>, List<Entity>> groups = new LinkedHashMap<>();
        for (Entity e : instances) {
            Object s = a.deferred(e);
            if (s != null && a.snapshot(e) == null) {
                throw new OrmUsageException(e + "'s deferred fields " + names(e) + " cannot be loaded: the "
                        + "instance was deleted, so no row identifies it any more");
            }
            if (s != null) {
                groups.computeIfAbsent(java.util.Arrays.asList(((DeferredState) s).type(), e.database()),
                        k -> new ArrayList<>()).add(e);
            }
        }
        for (List<Entity> group : groups.values()) {
            @SuppressWarnings("unchecked")
            ModelType<Entity> type = (ModelType<Entity>) ((DeferredState) a.deferred(group.get(0))).type();
            if (type.meta().compositePrimaryKey()) {
                for (Entity e : group) {
                    loadChunk(orm, type, List.of(e));
                }
                continue;
            }
            for (int from = 0; from < group.size(); from += KEYS_PER_STATEMENT) {
                loadChunk(orm, type, group.subList(from, Math.min(group.size(), from + KEYS_PER_STATEMENT)));
            }
        }
    }

    private static void loadChunk(OrmRuntime orm, ModelType<Entity> type, List<Entity> chunk) {
        Access a = Access.get();
        List<Column<?>> all = type.columns(type.table());
        int[] keys = type.meta().primaryKeyIndexes();
        // the union of the instances' deferred fields, after the key columns
        java.util.TreeSet<Integer> fields = new java.util.TreeSet<>();
        for (Entity e : chunk) {
            for (int f : ((DeferredState) a.deferred(e)).fields()) {
                fields.add(f);
            }
        }
        List<Integer> read = new ArrayList<>();
        for (int k : keys) {
            read.add(k);
        }
        read.addAll(fields);
        Map<List<Object>, List<Entity>> byKey = new LinkedHashMap<>();
        for (Entity e : chunk) {
            byKey.computeIfAbsent(key(type, e, keys), k -> new ArrayList<>()).add(e);
        }
        Select s = Sql.select(read.stream().map(all::get).toArray(Column<?>[]::new)).from(type.table())
                .where(chunk.size() == 1 ? Writer.keyCondition(type, a.snapshot(chunk.get(0)))
                        : Relations.in(all.get(keys[0]), byKey.keySet().stream().map(k -> k.get(0)).toList()));
        Database db = orm.database(chunk.get(0).database());
        List<Entity> found = s.statement(db).list(rs -> {
            Entity probe = type.newInstance();
            Object[] scratch = new Object[all.size()];
            for (int k = 0; k < keys.length; k++) {
                type.readField(rs, k + 1, db.engine(), probe, keys[k], scratch);
            }
            List<Entity> owners = byKey.get(key(type, probe, keys));
            if (owners == null) {
                return null;
            }
            Entity first = owners.get(0);
            DeferredState st = (DeferredState) a.deferred(first);
            Object[] snap = a.snapshot(first);
            for (int k = keys.length; k < read.size(); k++) {
                int f = read.get(k);
                boolean into = st.has(f) && untouched(first, f);
                // a field the user set keeps its value; the snapshot takes the row's, so save writes the set one
                type.readField(rs, k + 1, db.engine(), into ? first : probe, f, st.has(f) ? snap : scratch);
            }
            for (Entity other : owners.subList(1, owners.size())) {
                copy(type, first, other);
            }
            return first;
        });
        for (Entity e : chunk) {
            Entity owner = byKey.get(key(type, e, keys)).get(0);
            if (!found.contains(owner)) {
                throw new DoesNotExist(e + "'s deferred fields " + names(e) + " cannot be loaded: its row is gone "
                        + "from table " + type.meta().table() + " (deleted since it was read?)");
            }
        }
        for (Entity e : chunk) {
            a.deferred(e, null);
        }
    }

    /** The same deferred fields for a second instance of one row in the list. */
    private static void copy(ModelType<Entity> type, Entity from, Entity to) {
        Access a = Access.get();
        DeferredState st = (DeferredState) a.deferred(to);
        for (int f : st.fields()) {
            if (untouched(to, f)) {
                type.set(to, f, type.get(from, f));
            }
            a.snapshot(to)[f] = a.snapshot(from)[f];
        }
    }

    private static List<Object> key(ModelType<Entity> type, Entity e, int[] keys) {
        List<Object> out = new ArrayList<>(keys.length);
        for (int k : keys) {
            Object v = type.get(e, k);
            out.add(v instanceof io.covet.orm.Ref<?> r ? r.id() : v);
        }
        return out;
    }
}
