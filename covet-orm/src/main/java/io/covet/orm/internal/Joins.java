package io.covet.orm.internal;

import io.covet.orm.OrmUsageException;
import io.covet.orm.Path;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Condition;
import io.covet.sql.Select;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relation paths a query joins, each once, keyed by alias; INNER wins over LEFT for a path used by both.
 * A joined {@code @SoftDelete} model's deleted rows are left out by the join condition itself. Immutable. Not an API.
 */
public final class Joins {
    /** No joins. */
    public static final Joins EMPTY = new Joins(new LinkedHashMap<>());

    private final Map<String, Entry> byAlias;

    record Entry(Path<?, ?, ?> path, boolean inner) {
    }

    private Joins(Map<String, Entry> byAlias) {
        this.byAlias = byAlias;
    }

    /** Whether no path is joined. */
    public boolean isEmpty() {
        return byAlias.isEmpty();
    }

    /** Whether {@code path} is joined. */
    public boolean contains(Path<?, ?, ?> path) {
        Entry e = byAlias.get(path.alias());
        return e != null && e.path().equals(path);
    }

    /** These joins and {@code path} with its prefixes: INNER JOINs when {@code inner}, else LEFT JOINs. */
    public Joins with(Path<?, ?, ?> path, boolean inner) {
        Map<String, Entry> m = new LinkedHashMap<>(byAlias);
        for (Path<?, ?, ?> p : Paths.prefixes(path)) {
            Entry prev = m.get(p.alias());
            m.put(p.alias(), new Entry(p, inner || (prev != null && prev.inner())));
        }
        return new Joins(m);
    }

    Select apply(OrmRuntime orm, ModelType<?> root, Select q) {
        return apply(orm, root, q, null);
    }

    /** As above; for a query {@code asOf} an instant, each joined model is read as of that instant too. */
    Select apply(OrmRuntime orm, ModelType<?> root, Select q, QuerySpec<?> asOf) {
        for (Entry e : byAlias.values()) {
            Path<?, ?, ?> p = e.path();
            Path<?, ?, ?> parent = Paths.parent(p);
            Table parentTable = parent == null ? root.table() : parent.table();
            PathStep s = Paths.last(p);
            ModelType<?> source = orm.type(s.sourceModel());
            ModelType<?> target = orm.type(s.targetModel());
            Table t = p.table();
            Table read = asOf == null || asOf.asOf() == null ? t : AsOf.joined(orm, asOf, s, p.alias());
            switch (s.kind()) {
                case FORWARD -> {
                    Condition on = Relations.eq(source.columns(parentTable).get(source.meta().indexOf(s.name())),
                            pk(target, t)).and(SoftDeletes.live(orm, target, t));
                    q = e.inner() ? q.join(read, on) : q.leftJoin(read, on);
                }
                case REVERSE -> {
                    Condition on = Relations.eq(target.columns(t).get(target.meta().indexOf(s.remoteField())),
                            pk(source, parentTable)).and(SoftDeletes.live(orm, target, t));
                    q = e.inner() ? q.join(read, on) : q.leftJoin(read, on);
                }
                case MANY_TO_MANY -> {
                    Relations.JoinTable jt = Relations.joinTable(orm, source, s.name());
                    Table j = Sql.table(jt.table()).as(p.alias() + "_j");
                    // as of an instant: the through model's link rows of that instant, under the same alias
                    Table links = read == t ? j : AsOf.links(orm, asOf.database(), source, s.name(), asOf.asOf(),
                            p.alias() + "_j");
                    Condition on1 = Relations.eq(Sql.field(j, jt.sourceColumn(), Object.class), pk(source, parentTable));
                    Condition on2 = Relations.eq(pk(target, t), Sql.field(j, jt.targetColumn(), Object.class))
                            .and(SoftDeletes.live(orm, target, t));
                    q = e.inner() ? q.join(links, on1).join(read, on2) : q.leftJoin(links, on1).leftJoin(read, on2);
                }
                default -> throw new IllegalStateException(s.kind().toString());
            }
        }
        return q;
    }

    /**
     * The single primary-key column of a relation's end.
     *
     * @throws OrmUsageException for a model with a composite key, which no relation can point at (the registry
     *                           refuses such relations; this guards hand-built metadata)
     */
    static io.covet.sql.Column<?> pk(ModelType<?> type, Table t) {
        int pk = type.meta().primaryKeyIndex();
        if (pk < 0) {
            throw new OrmUsageException(type.meta().simpleName() + " has a composite primary key ("
                    + Keys.names(type.meta()) + "), so it cannot be the end of a join by key: filter on its key "
                    + "fields instead");
        }
        return type.columns(t).get(pk);
    }
}
