package io.covet.sql;

import io.covet.core.engine.Engine;
import io.covet.core.dialect.Feature;

import java.util.ArrayList;
import java.util.List;

/** Writes a {@link SelectModel}: the clauses in SQL order, each delegating to its own node. */
final class SelectRenderer {
    private SelectRenderer() {
    }

    static void render(SelectModel m, Ctx ctx) {
        // A nested query starts afresh whatever clause of the outer query it sits in.
        Clause outerClause = ctx.clause(Clause.OTHER);
        boolean outerQualify = ctx.qualify(true);
        if (m.with() != null) {
            ctx.visit(m.with());
        }
        if (m.compound() != null) {
            ctx.visit(m.compound());
        } else {
            body(m, ctx);
        }
        orderBy(m, ctx);
        limit(m, ctx);
        if (m.lock() != null) {
            ctx.visit(m.lock());
        }
        ctx.qualify(outerQualify);
        ctx.clause(outerClause);
    }

    private static void body(SelectModel m, Ctx ctx) {
        ctx.sql("SELECT ");
        if (!m.distinctOn().isEmpty()) {
            if (!ctx.supports(Feature.DISTINCT_ON)) {
                throw ctx.unsupported("DISTINCT ON", "Number the rows with ROW_NUMBER() OVER (PARTITION BY … "
                        + "ORDER BY …) in a derived table and keep the rows numbered 1.");
            }
            ctx.sql("DISTINCT ON (").list(m.distinctOn()).sql(") ");
        } else if (m.distinct()) {
            ctx.sql("DISTINCT ");
        }
        if (m.items().isEmpty()) {
            ctx.sql('*');
        } else {
            Clause outer = ctx.clause(Clause.SELECT);
            ctx.list(m.items());
            ctx.clause(outer);
        }
        if (!m.from().isEmpty()) {
            ctx.sql(" FROM ");
            for (int i = 0; i < m.from().size(); i++) {
                if (i > 0) {
                    ctx.sql(", ");
                }
                m.from().get(i).renderDeclaration(ctx);
            }
            for (Join j : m.joins()) {
                ctx.visit(j);
            }
        }
        Condition where = m.seek().isEmpty() ? m.where() : m.where().and(seek(m));
        if (!(where instanceof NoCondition)) {
            ctx.sql(" WHERE ").visit(where);
        }
        if (!m.groupBy().isEmpty()) {
            Clause outer = ctx.clause(Clause.REFERENCE);
            ctx.sql(" GROUP BY ").list(m.groupBy());
            ctx.clause(outer);
        }
        if (!(m.having() instanceof NoCondition)) {
            ctx.sql(" HAVING ").visit(m.having());
        }
        if (!m.windows().isEmpty()) {
            ctx.sql(" WINDOW ");
            for (int i = 0; i < m.windows().size(); i++) {
                if (i > 0) {
                    ctx.sql(", ");
                }
                m.windows().get(i).renderDefinition(ctx);
            }
        }
    }

    /**
     * The keyset condition "after these values in the ORDER BY": a row comparison {@code (a, b) > (?, ?)} when all
     * directions agree (index-friendly on every engine), else the expanded {@code a > ? OR (a = ? AND b < ?)}.
     */
    private static Condition seek(SelectModel m) {
        List<SortField> order = m.orderBy();
        List<Field<?>> values = m.seek();
        boolean descending = order.get(0).descending;
        boolean uniform = order.stream().allMatch(s -> s.descending == descending);
        if (uniform) {
            List<Field<?>> fields = new ArrayList<>();
            for (SortField s : order) {
                fields.add(s.field);
            }
            return new RowCompare(List.copyOf(fields), descending ? Compare.Op.LT : Compare.Op.GT, values);
        }
        Condition result = null;
        for (int i = order.size() - 1; i >= 0; i--) {
            SortField s = order.get(i);
            Condition after = new Compare(s.field, s.descending ? Compare.Op.LT : Compare.Op.GT, values.get(i));
            result = result == null ? after
                    : after.or(new Compare(s.field, Compare.Op.EQ, values.get(i)).and(result));
        }
        return result;
    }

    private static void orderBy(SelectModel m, Ctx ctx) {
        if (m.orderBy().isEmpty()) {
            return;
        }
        Clause outer = ctx.clause(Clause.REFERENCE);
        // ORDER BY of a set operation may only name result columns, so no table qualifiers there.
        boolean qualify = ctx.qualify(m.compound() == null);
        ctx.sql(" ORDER BY ").list(m.orderBy());
        ctx.qualify(qualify);
        ctx.clause(outer);
    }

    private static void limit(SelectModel m, Ctx ctx) {
        if (m.limit() != null) {
            ctx.sql(" LIMIT ").visit(m.limit());
        } else if (m.offset() != null) {
            // MariaDB and SQLite need a LIMIT before OFFSET; these are their documented "no limit" values.
            if (ctx.family() == Engine.MARIADB) {
                ctx.sql(" LIMIT 18446744073709551615");
            } else if (ctx.family() == Engine.SQLITE) {
                ctx.sql(" LIMIT -1");
            }
        }
        if (m.offset() != null) {
            ctx.sql(" OFFSET ").visit(m.offset());
        }
    }
}
