package io.covet.orm;

import io.covet.core.Database;
import io.covet.orm.internal.Jdbc;
import io.covet.sql.Field;
import io.covet.sql.Functions;
import io.covet.sql.RenderedSql;
import io.covet.sql.Select;
import io.covet.sql.Sql;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies of the query set's reads that return values rather than instances. */
final class QueryReads {
    private QueryReads() {
    }

    static boolean exists(QuerySet<?> q) {
        Select s = q.base(List.of(q.pkColumn(q.type.table())), true).limit(1);
        return !s.statement(q.database()).list(rs -> Boolean.TRUE).isEmpty();
    }

    static long count(QuerySet<?> q) {
        if (q.distinct || q.limit >= 0 || q.offset > 0) {
            Select inner = q.base(List.of(q.pkColumn(q.type.table())), true);
            return Sql.select(Functions.count()).from(inner.asTable("counted")).statement(q.database())
                    .list(rs -> rs.getLong(1)).get(0);
        }
        return q.base(List.of(Functions.count()), false).statement(q.database()).list(rs -> rs.getLong(1)).get(0);
    }

    static List<Map<String, Object>> values(QuerySet<?> q, List<Field<?>> fs) {
        Database d = q.database();
        return q.valuesBase(fs).statement(d).list(rs -> {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < fs.size(); i++) {
                row.put(md.getColumnLabel(i + 1), Jdbc.read(rs, i + 1, fs.get(i).type(), d.engine()));
            }
            return row;
        });
    }

    static List<List<Object>> valuesList(QuerySet<?> q, List<Field<?>> fs) {
        Database d = q.database();
        return q.valuesBase(fs).statement(d).list(rs -> {
            List<Object> row = new ArrayList<>(fs.size());
            for (int i = 0; i < fs.size(); i++) {
                row.add(Jdbc.read(rs, i + 1, fs.get(i).type(), d.engine()));
            }
            return row;
        });
    }

    @SuppressWarnings("unchecked")
    static <V> List<V> valuesFlat(QuerySet<?> q, Field<V> field) {
        Database d = q.database();
        return q.valuesBase(List.of(field)).statement(d).list(rs -> (V) Jdbc.read(rs, 1, field.type(), d.engine()));
    }

    @SuppressWarnings("unchecked")
    static <V> V aggregate(QuerySet<?> q, Field<V> aggregate) {
        Database d = q.database();
        return q.base(List.of(aggregate), false).statement(d)
                .list(rs -> (V) Jdbc.read(rs, 1, aggregate.type(), d.engine())).get(0);
    }

    /**
     * Renders the key lookup of a plain query set, or null when its only parameter is not the key. No LIMIT: an
     * equality on the primary key matches at most one row, and a bound LIMIT costs SQLite a third of the lookup.
     */
    static <T extends Entity> QuerySet.KeyLookup<T> renderKeyLookup(QuerySet<T> qs, Database d, Object sampleKey) {
        io.covet.sql.Column<?> pk = qs.pkColumn(qs.type.table());
        // unqualified like the select list (EntityMapper.alone): the lookup reads one table
        QuerySet<T> q = qs.filter(Relations.eq(Sql.field(pk.name(), pk.type()), sampleKey)).orderBy();
        EntityMapper<T> mapper = EntityMapper.of(q, d.engine());
        RenderedSql r = q.base(mapper.items(), true).render(d.dialect());
        if (!r.params().equals(List.of(sampleKey))) {
            return null;
        }
        return new QuerySet.KeyLookup<>(r.sql(), mapper);
    }
}
