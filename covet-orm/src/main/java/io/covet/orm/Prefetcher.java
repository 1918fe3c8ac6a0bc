package io.covet.orm;

import io.covet.core.Database;
import io.covet.orm.internal.Jdbc;
import io.covet.sql.Column;
import io.covet.sql.OrderField;
import io.covet.sql.Select;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * prefetch_related: one query per relation path (per 10,000 keys), then the results are attached to their owners
 * in memory: {@link Ref}s are loaded, {@link Related} lists filled.
 */
final class Prefetcher {
    private static final int CHUNK = 10_000;

    private Prefetcher() {
    }

    @SuppressWarnings("unchecked")
    static void run(QuerySet<?> qs, List<? extends Entity> roots) {
        Orm orm = qs.orm;
        Map<Path<?, ?, ?>, List<Entity>> levels = new HashMap<>();
        for (Path<?, ?, ?> p : qs.prefetch) {
            List<? extends Entity> owners = p.parent() == null ? roots : levels.getOrDefault(p.parent(), List.of());
            if (owners.isEmpty()) {
                levels.put(p, List.of());
                continue;
            }
            Path.Step s = p.last();
            ModelType<Entity> source = (ModelType<Entity>) orm.type(s.sourceModel());
            ModelType<Entity> target = (ModelType<Entity>) orm.type(s.targetModel());
            String db = owners.get(0).covetDatabase;
            levels.put(p, switch (s.kind()) {
                case FORWARD -> forward(orm, db, source, target, s.name(), owners);
                case REVERSE -> reverse(orm, db, target, s, owners);
                case MANY_TO_MANY -> manyToMany(orm, db, source, target, s.name(), owners);
            });
        }
    }

    private static List<Entity> forward(Orm orm, String db, ModelType<Entity> source, ModelType<Entity> target,
                                        String field, List<? extends Entity> owners) {
        int fi = source.meta().indexOf(field);
        Set<Object> ids = new LinkedHashSet<>();
        for (Entity o : owners) {
            if (source.get(o, fi) instanceof Ref<?> r && r.id() != null && !r.loaded()) {
                ids.add(r.id()); // a target selectRelated already read costs no query
            }
        }
        Map<Object, Entity> byId = new HashMap<>();
        int pk = target.meta().primaryKeyIndex();
        for (List<Object> chunk : chunks(ids)) {
            for (Entity t : orm.objects(target).using(db).filter(Relations.in(Joins.pk(target, target.table()),
                    chunk)).list()) {
                byId.put(target.get(t, pk), t);
            }
        }
        // every target instance, once by identity: selectRelated reads one instance per row, and the next level
        // must reach each of them
        Map<Entity, Boolean> level = new java.util.IdentityHashMap<>();
        for (Entity o : owners) {
            if (source.get(o, fi) instanceof Ref<?> r && r.id() != null) {
                if (!r.loaded() && byId.containsKey(r.id())) {
                    EntityMapper.load(r, byId.get(r.id()));
                }
                if (r.loaded()) {
                    level.put(r.peek(), Boolean.TRUE);
                }
            }
        }
        return new ArrayList<>(level.keySet());
    }

    private static List<Entity> reverse(Orm orm, String db, ModelType<Entity> target, Path.Step s,
                                        List<? extends Entity> owners) {
        int fk = target.meta().indexOf(s.remoteField());
        Map<Object, Entity> byPk = new LinkedHashMap<>();
        owners.forEach(o -> byPk.put(o.primaryKeyValue(), o));
        Map<Object, List<Entity>> groups = new HashMap<>();
        List<Entity> all = new ArrayList<>();
        Column<?> fkColumn = target.columns(target.table()).get(fk);
        for (List<Object> chunk : chunks(byPk.keySet())) {
            for (Entity child : orm.objects(target).using(db).filter(Relations.in(fkColumn, chunk)).list()) {
                Ref<?> r = (Ref<?>) target.get(child, fk);
                Entity owner = byPk.get(r.id());
                EntityMapper.load(r, owner);
                groups.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(child);
                all.add(child);
            }
        }
        for (Entity o : owners) {
            o.prefetched(s.name(), List.copyOf(groups.getOrDefault(o.primaryKeyValue(), List.of())));
        }
        return all;
    }

    private static List<Entity> manyToMany(Orm orm, String db, ModelType<Entity> source, ModelType<Entity> target,
                                           String name, List<? extends Entity> owners) {
        Relations.JoinTable jt = Relations.joinTable(orm, source, name);
        Set<Object> pks = new LinkedHashSet<>();
        owners.forEach(o -> pks.add(o.primaryKeyValue()));
        Table j = Sql.table(jt.table());
        Class<?> ownerKeyType = Joins.pk(source, source.table()).type();
        Column<?> ownerColumn = Sql.field(j, jt.sourceColumn(), Object.class);
        QuerySet<Entity> base = orm.objects(target).using(db);
        Database d = base.database();
        EntityMapper<Entity> mapper = EntityMapper.of(base, d.engine());
        int keyColumn = target.meta().fields().size() + 1;
        Map<Object, List<Entity>> groups = new HashMap<>();
        Map<Object, Entity> distinct = new LinkedHashMap<>();
        for (List<Object> chunk : chunks(pks)) {
            // qualified: this select joins the link table, whose columns may share the target's names
            List<SelectItem> items = new ArrayList<>(target.columns(target.table()));
            items.add(ownerColumn);
            Select q = Sql.select(items.toArray(SelectItem[]::new)).from(target.table())
                    .join(j, Relations.eq(Sql.field(j, jt.targetColumn(), Object.class),
                            Joins.pk(target, target.table())))
                    .where(Relations.in(ownerColumn, chunk));
            List<OrderField> order = base.effectiveOrder();
            if (!order.isEmpty()) {
                q = q.orderBy(order.toArray(OrderField[]::new));
            }
            q.statement(d).list(rs -> {
                Entity t = mapper.map(rs);
                Object owner = Jdbc.read(rs, keyColumn, ownerKeyType, d.engine());
                Entity shared = distinct.computeIfAbsent(t.primaryKeyValue(), k -> t);
                groups.computeIfAbsent(owner, k -> new ArrayList<>()).add(shared);
                return Boolean.TRUE;
            });
        }
        for (Entity o : owners) {
            o.prefetched(name, List.copyOf(groups.getOrDefault(o.primaryKeyValue(), List.of())));
        }
        return new ArrayList<>(distinct.values());
    }

    private static List<List<Object>> chunks(Set<Object> keys) {
        List<List<Object>> out = new ArrayList<>();
        List<Object> cur = new ArrayList<>();
        for (Object k : keys) {
            cur.add(k);
            if (cur.size() == CHUNK) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }
}
