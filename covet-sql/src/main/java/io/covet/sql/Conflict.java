package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.List;

/**
 * The upsert clause of an INSERT. PostgreSQL and SQLite: {@code ON CONFLICT (keys) DO NOTHING | DO UPDATE SET …
 * [WHERE …]}. MariaDB: {@code ON DUPLICATE KEY UPDATE …}, which reacts to any unique key (the named keys only
 * document intent there); DO NOTHING becomes a no-op assignment of the first key rather than INSERT IGNORE, which
 * would also silence unrelated errors.
 */
record Conflict(List<Column<?>> keys, boolean doNothing, List<Assignment> sets, Condition where) {
    void render(Ctx ctx, List<Column<?>> insertColumns) {
        if (ctx.family() == Engine.MARIADB) {
            if (!(where instanceof NoCondition)) {
                throw ctx.unsupported("a WHERE on an upsert's update", "Put the condition into the assigned "
                        + "values, e.g. SET c = IF(cond, VALUES(c), c), with Sql.raw(…).");
            }
            ctx.sql(" ON DUPLICATE KEY UPDATE ");
            if (doNothing) {
                Column<?> k = !keys.isEmpty() ? keys.get(0) : insertColumns.get(0);
                ctx.unqualified(k).sql(" = ").unqualified(k);
            } else {
                ctx.list(sets);
            }
            return;
        }
        ctx.sql(" ON CONFLICT");
        if (!keys.isEmpty()) {
            ctx.sql(" (");
            boolean outer = ctx.qualify(false);
            ctx.list(keys);
            ctx.qualify(outer);
            ctx.sql(')');
        }
        if (doNothing) {
            ctx.sql(" DO NOTHING");
        } else {
            ctx.sql(" DO UPDATE SET ").list(sets);
            if (!(where instanceof NoCondition)) {
                ctx.sql(" WHERE ").visit(where);
            }
        }
    }
}
