package io.covet.orm;

import io.covet.sql.Condition;
import io.covet.sql.Select;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The relation paths a query joins, each once, keyed by alias; INNER wins over LEFT for a path used by both. */
final class Joins {
    static final Joins EMPTY = new Joins(new LinkedHashMap<>());

    private final Map<String, Entry> byAlias;

    record Entry(Path<?, ?, ?> path, boolean inner) {
    }

    private Joins(Map<String, Entry> byAlias) {
        this.byAlias = byAlias;
    }

    boolean isEmpty() {
        return byAlias.isEmpty();
    }

    Joins with(Path<?, ?, ?> path, boolean inner) {
        Map<String, Entry> m = new LinkedHashMap<>(byAlias);
        for (Path<?, ?, ?> p : prefixes(path)) {
            Entry prev = m.get(p.alias());
            m.put(p.alias(), new Entry(p, inner || (prev != null && prev.inner())));
        }
        return new Joins(m);
    }

    /** The path's prefixes, shortest first, ending with the path itself. */
    static List<Path<?, ?, ?>> prefixes(Path<?, ?, ?> path) {
        List<Path<?, ?, ?>> out = new ArrayList<>();
        for (Path<?, ?, ?> p = path; p != null; p = p.parent()) {
            out.add(0, p);
        }
        return out;
    }

    Select apply(Orm orm, ModelType<?> root, Select q) {
        for (Entry e : byAlias.values()) {
            Path<?, ?, ?> p = e.path();
            Path<?, ?, ?> parent = p.parent();
            Table parentTable = parent == null ? root.table() : parent.table();
            Path.Step s = p.last();
            ModelType<?> source = orm.type(s.sourceModel());
            ModelType<?> target = orm.type(s.targetModel());
            Table t = p.table();
            switch (s.kind()) {
                case FORWARD -> {
                    Condition on = Relations.eq(source.columns(parentTable).get(source.meta().indexOf(s.name())),
                            pk(target, t));
                    q = e.inner() ? q.join(t, on) : q.leftJoin(t, on);
                }
                case REVERSE -> {
                    Condition on = Relations.eq(target.columns(t).get(target.meta().indexOf(s.remoteField())),
                            pk(source, parentTable));
                    q = e.inner() ? q.join(t, on) : q.leftJoin(t, on);
                }
                case MANY_TO_MANY -> {
                    Relations.JoinTable jt = Relations.joinTable(orm, source, s.name());
                    Table j = Sql.table(jt.table()).as(p.alias() + "_j");
                    Condition on1 = Relations.eq(Sql.field(j, jt.sourceColumn(), Object.class), pk(source, parentTable));
                    Condition on2 = Relations.eq(pk(target, t), Sql.field(j, jt.targetColumn(), Object.class));
                    q = e.inner() ? q.join(j, on1).join(t, on2) : q.leftJoin(j, on1).leftJoin(t, on2);
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
                    + type.meta().keyNames() + "), so it cannot be the end of a join by key: filter on its key "
                    + "fields instead");
        }
        return type.columns(t).get(pk);
    }
}
