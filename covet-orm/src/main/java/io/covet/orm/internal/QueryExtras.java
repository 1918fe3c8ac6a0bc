package io.covet.orm.internal;

import io.covet.orm.DoesNotExist;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.sql.OrderField;

import java.util.ArrayList;
import java.util.List;

/** Django's {@code reverse()}, {@code latest()}/{@code earliest()} and {@code contains()} over a spec. Not an API. */
public final class QueryExtras {
    private QueryExtras() {
    }

    /** {@code q} with its ordering (asked for, else the model's default, else the primary key) reversed. */
    public static <T extends Entity> QuerySpec<T> reversed(QuerySpec<T> q) {
        List<OrderField> o = QuerySql.effectiveOrder(q);
        if (o.isEmpty()) {
            o = List.copyOf(Keys.columns(q.type(), q.type().table()));
        }
        List<OrderField> out = new ArrayList<>();
        for (OrderField f : o) {
            out.add(Relations.reverse(f));
        }
        return q.withOrder(out);
    }

    /**
     * The first instance of {@code q} in {@code order}.
     *
     * @throws DoesNotExist when no row matches
     */
    public static <T extends Entity> T firstIn(OrmRuntime orm, QuerySpec<T> q, List<OrderField> order,
                                               String what) {
        if (order.isEmpty()) {
            throw new OrmUsageException(what + "() needs at least one field to order by");
        }
        List<T> found = QueryReads.list(orm, q.withOrder(order).withLimit(1));
        if (found.isEmpty()) {
            throw new DoesNotExist(q.type().meta().simpleName() + " matching query does not exist (table "
                    + q.type().meta().table() + "): " + what + "() found no row");
        }
        return found.get(0);
    }

    /**
     * Whether {@code instance}'s row is among the rows of {@code q} (one query reading at most one key).
     *
     * @throws OrmUsageException for an unsaved instance, an instance of another model, or a composite key
     */
    public static boolean contains(OrmRuntime orm, QuerySpec<?> q, Entity instance) {
        if (!q.type().meta().name().equals(instance.getClass().getName())) {
            throw new OrmUsageException("contains(" + instance + ") on a query of " + q.type().meta().simpleName()
                    + ": pass an instance of " + q.type().meta().simpleName());
        }
        Keys.requireSingle(q.type().meta(), "contains", "filter(...) on the key fields and exists()");
        Object pk = Access.get().primaryKey(instance);
        if (!instance.persisted() || pk == null) {
            throw new OrmUsageException("contains(" + instance + ") needs a saved instance: save it first");
        }
        return QueryReads.exists(orm, q.and(Relations.eq(Keys.column(q.type(), q.type().table()), pk)));
    }
}
