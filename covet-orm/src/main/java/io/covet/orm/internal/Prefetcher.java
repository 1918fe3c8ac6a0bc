package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Entity;
import io.covet.orm.Path;
import io.covet.orm.Ref;
import io.covet.orm.Related;
import io.covet.orm.spi.Jdbc;
import io.covet.orm.spi.ModelType;
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

    /** Loads the relations of {@code paths} (each after its prefixes) for {@code roots}. */
    @SuppressWarnings("unchecked")
    static void run(OrmRuntime orm, List<Path<?, ?, ?>> paths, List<? extends Entity> roots) {
        run(orm, paths, roots, null);
    }

    /** As above, reading the related rows as of {@code asOf} (null: now); {@code AsOf} checked the paths. */
    @SuppressWarnings("unchecked")
    static void run(OrmRuntime orm, List<Path<?, ?, ?>> paths, List<? extends Entity> roots,
                    java.time.Instant asOf) {
        Map<Path<?, ?, ?>, List<Entity>> levels = new HashMap<>();
        for (Path<?, ?, ?> p : paths) {
            Path<?, ?, ?> parent = Paths.parent(p);
            List<? extends Entity> owners = parent == null ? roots : levels.getOrDefault(parent, List.of());
            if (owners.isEmpty()) {
                levels.put(p, List.of());
                continue;
            }
            PathStep s = Paths.last(p);
            ModelType<Entity> source = (ModelType<Entity>) orm.type(s.sourceModel());
            ModelType<Entity> target = (ModelType<Entity>) orm.type(s.targetModel());
            String db = owners.get(0).database();
            levels.put(p, switch (s.kind()) {
                case FORWARD -> forward(orm, db, source, target, s.name(), owners, asOf);
                case REVERSE -> reverse(orm, base(target, db, asOf), s, s.name(), owners);
                case MANY_TO_MANY -> manyToMany(orm, base(target, db, asOf), source, s.name(), s.name(), owners);
            });
        }
    }

    private static List<Entity> forward(OrmRuntime orm, String db, ModelType<Entity> source, ModelType<Entity> target,
                                        String field, List<? extends Entity> owners, java.time.Instant asOf) {
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
            for (Entity t : QueryReads.list(orm, base(target, db, asOf)
                    .and(Relations.in(Joins.pk(target, target.table()), chunk)))) {
                byId.put(target.get(t, pk), t);
            }
        }
        // every target instance, once by identity: selectRelated reads one instance per row, and the next level
        // must reach each of them
        Map<Entity, Boolean> level = new java.util.IdentityHashMap<>();
        for (Entity o : owners) {
            if (source.get(o, fi) instanceof Ref<?> r && r.id() != null) {
                if (!r.loaded() && byId.containsKey(r.id())) {
                    Access.get().load(r, byId.get(r.id()));
                }
                if (r.loaded()) {
                    level.put(r.peek(), Boolean.TRUE);
                }
            }
        }
        return new ArrayList<>(level.keySet());
    }

    /**
     * Django's {@code Prefetch(path, queryset, to_attr)}: loads the one-step reverse or many-to-many relation
     * {@code path} of {@code roots} from the rows of {@code base} (its filters and ordering; its own prefetches run
     * too), stored under {@code attr} (the relation's name when null, so that {@code Related.all()} answers with
     * the filtered list).
     *
     * @throws io.covet.orm.OrmUsageException for a nested or forward path, or a query set over another model
     */
    @SuppressWarnings("unchecked")
    static void runCustom(OrmRuntime orm, Path<?, ?, ?> path, QuerySpec<?> base, String attr,
                          List<? extends Entity> roots) {
        PathStep s = Paths.last(path);
        if (Paths.parent(path) != null || s.kind() == PathStep.Kind.FORWARD) {
            throw new io.covet.orm.OrmUsageException("Prefetch with a query set needs a one-step reverse or "
                    + "many-to-many relation, not " + path.name() + ": prefetch the path's prefix first, or use "
                    + "selectRelated for foreign keys");
        }
        if (!base.type().meta().name().equals(s.targetModel())) {
            throw new io.covet.orm.OrmUsageException("Prefetch(" + path.name() + ") needs a query set over "
                    + orm.type(s.targetModel()).meta().simpleName() + ", not " + base.type().meta().simpleName());
        }
        if (roots.isEmpty()) {
            return;
        }
        String name = attr == null ? s.name() : attr;
        QuerySpec<Entity> q = ((QuerySpec<Entity>) base).withDatabase(roots.get(0).database());
        if (s.kind() == PathStep.Kind.REVERSE) {
            reverse(orm, q, s, name, roots);
        } else {
            if (!q.joins().isEmpty() || q.limit() >= 0 || q.offset() > 0 || q.distinct()) {
                throw new io.covet.orm.OrmUsageException("Prefetch(" + path.name() + ") of a many-to-many relation "
                        + "takes a query set with filters on the related model's own columns and an ordering only "
                        + "(no joins, slicing or distinct)");
            }
            manyToMany(orm, q, (ModelType<Entity>) orm.type(s.sourceModel()), s.name(), name, roots);
        }
    }

    private static List<Entity> reverse(OrmRuntime orm, QuerySpec<Entity> base, PathStep s, String attr,
                                        List<? extends Entity> owners) {
        ModelType<Entity> target = base.type();
        int fk = target.meta().indexOf(s.remoteField());
        Map<Object, Entity> byPk = new LinkedHashMap<>();
        Access access = Access.get();
        owners.forEach(o -> byPk.put(access.primaryKey(o), o));
        Map<Object, List<Entity>> groups = new HashMap<>();
        List<Entity> all = new ArrayList<>();
        Column<?> fkColumn = target.columns(target.table()).get(fk);
        for (List<Object> chunk : chunks(byPk.keySet())) {
            for (Entity child : QueryReads.list(orm, base.and(Relations.in(fkColumn, chunk)))) {
                Ref<?> r = (Ref<?>) target.get(child, fk);
                Entity owner = byPk.get(r.id());
                access.load(r, owner);
                groups.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(child);
                all.add(child);
            }
        }
        for (Entity o : owners) {
            access.prefetched(o, attr, List.copyOf(groups.getOrDefault(access.primaryKey(o), List.of())));
        }
        return all;
    }

    private static List<Entity> manyToMany(OrmRuntime orm, QuerySpec<Entity> base, ModelType<Entity> source,
                                           String name, String attr, List<? extends Entity> owners) {
        ModelType<Entity> target = base.type();
        Relations.JoinTable jt = Relations.joinTable(orm, source, name);
        Set<Object> pks = new LinkedHashSet<>();
        Access access = Access.get();
        owners.forEach(o -> pks.add(access.primaryKey(o)));
        Table j = Sql.table(jt.table());
        Class<?> ownerKeyType = Joins.pk(source, source.table()).type();
        Column<?> ownerColumn = Sql.field(j, jt.sourceColumn(), Object.class);
        Database d = orm.database(base.database());
        EntityMapper<Entity> mapper = EntityMapper.of(orm, base, d.engine());
        int keyColumn = target.meta().fields().size() + 1;
        Map<Object, List<Entity>> groups = new HashMap<>();
        Map<Object, Entity> distinct = new LinkedHashMap<>();
        // as of an instant (base.asOf()): the target's rows and the through model's link rows of that instant, each
        // under its own table name so the columns below resolve unchanged
        Table from = base.asOf() == null ? target.table() : AsOf.state(orm, base.database(), target, base.asOf());
        Table links = base.asOf() == null ? j : AsOf.links(orm, base.database(), source, name, base.asOf(), jt.table());
        for (List<Object> chunk : chunks(pks)) {
            // qualified: this select joins the link table, whose columns may share the target's names
            List<SelectItem> items = new ArrayList<>(target.columns(target.table()));
            items.add(ownerColumn);
            Select q = Sql.select(items.toArray(SelectItem[]::new)).from(from)
                    .join(links, Relations.eq(Sql.field(j, jt.targetColumn(), Object.class),
                            Joins.pk(target, target.table())))
                    .where(Relations.in(ownerColumn, chunk).and(SoftDeletes.where(orm, base)));
            List<OrderField> order = QuerySql.effectiveOrder(base);
            if (!order.isEmpty()) {
                q = q.orderBy(order.toArray(OrderField[]::new));
            }
            q.statement(d).list(rs -> {
                Entity t = mapper.map(rs);
                Object owner = Jdbc.read(rs, keyColumn, ownerKeyType, d.engine());
                Entity shared = distinct.computeIfAbsent(access.primaryKey(t), k -> t);
                groups.computeIfAbsent(owner, k -> new ArrayList<>()).add(shared);
                return Boolean.TRUE;
            });
        }
        for (Entity o : owners) {
            access.prefetched(o, attr, List.copyOf(groups.getOrDefault(access.primaryKey(o), List.of())));
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

    private static QuerySpec<Entity> base(ModelType<Entity> target, String db, java.time.Instant asOf) {
        QuerySpec<Entity> q = QuerySpec.all(target).withDatabase(db);
        return asOf == null ? q : q.withAsOf(asOf);
    }
}
