package io.covet.orm.internal;

import io.covet.orm.Path;
import io.covet.sql.AggregateFunction;
import io.covet.sql.Field;
import io.covet.sql.OrderField;
import io.covet.sql.Select;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/** Assembles a query's SELECT with covet-sql: items, joins, filters, grouping, ordering, slicing, locking. */
final class QuerySql {
    private QuerySql() {
    }

    /** The ordering asked for, else the model's default ordering. */
    static List<OrderField> effectiveOrder(QuerySpec<?> q) {
        if (q.order() != null) {
            return q.order();
        }
        List<OrderField> o = new ArrayList<>();
        for (String name : q.type().meta().ordering()) {
            boolean desc = name.startsWith("-");
            int i = q.type().meta().indexOf(desc ? name.substring(1) : name);
            io.covet.sql.Column<?> c = q.type().columns(q.type().table()).get(i);
            o.add(desc ? c.desc() : c.asc());
        }
        return o;
    }

    /** The select of {@code items} with joins, filters and grouping; ordering and slicing when asked. */
    static Select select(OrmRuntime orm, QuerySpec<?> q, List<? extends SelectItem> items, boolean orderAndSlice) {
        return select(orm, q, items, orderAndSlice, true);
    }

    /**
     * As above; {@code checked} false when an {@code asOf} query reads its root's began/prune check with its rows
     * ({@code AsOf.foldedCheck} among {@code items}) instead of sending it first.
     */
    static Select select(OrmRuntime orm, QuerySpec<?> q, List<? extends SelectItem> items, boolean orderAndSlice,
                         boolean checked) {
        SelectItem[] arr = items.toArray(SelectItem[]::new);
        Select s = (q.distinct() ? Sql.selectDistinct(arr) : Sql.select(arr))
                .from(q.asOf() == null ? q.type().table() : AsOf.table(orm, q, checked));
        s = q.joins().apply(orm, q.type(), s, q);
        s = s.where(SoftDeletes.where(orm, q));
        List<Field<?>> group = new ArrayList<>(q.groupBy());
        boolean aggregated = q.annotations().stream().anyMatch(a -> a.expr() instanceof AggregateFunction<?>);
        if (aggregated && orderAndSlice) {
            group.addAll(q.type().columns(q.type().table()));
            for (Path<?, ?, ?> p : q.related()) {
                group.addAll(orm.type(Paths.last(p).targetModel()).columns(p.table()));
            }
        }
        if (!group.isEmpty()) {
            s = s.groupBy(group.toArray(Field<?>[]::new));
        }
        s = s.having(q.having());
        if (orderAndSlice) {
            List<OrderField> o = effectiveOrder(q);
            if (!o.isEmpty()) {
                s = s.orderBy(o.toArray(OrderField[]::new));
            }
            if (q.limit() >= 0) {
                s = s.limit(q.limit());
            }
            if (q.offset() > 0) {
                if (q.limit() < 0) {
                    s = s.limit(Long.MAX_VALUE / 2);
                }
                s = s.offset(q.offset());
            }
            if (q.forUpdate() != null) {
                s = q.forUpdate().apply(q, s);
            }
        }
        return s;
    }

    /** DISTINCT values ignore the default ordering, whose columns would otherwise have to be selected too. */
    static Select valuesSelect(OrmRuntime orm, QuerySpec<?> q, List<? extends SelectItem> items) {
        return select(orm, q.distinct() && q.order() == null ? q.withOrder(List.of()) : q, items, true);
    }
}
