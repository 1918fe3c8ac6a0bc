package io.covet.sql;

import io.covet.core.engine.Engine;
import io.covet.core.dialect.Feature;

/**
 * {@code left UNION [ALL] | INTERSECT | EXCEPT right}.
 *
 * <p>An operand with its own ORDER BY/LIMIT, or a nested set operation, needs grouping: PostgreSQL and MariaDB take
 * a parenthesised query, SQLite does not allow parentheses there and gets {@code SELECT * FROM (…)} instead.
 * SQLite also evaluates set operations strictly left to right, while PostgreSQL and MariaDB bind INTERSECT
 * tighter, so a left operand that is a different set operation is parenthesised there.
 */
record Compound(SelectModel left, Op op, SelectModel right) implements Node {
    enum Op {
        UNION(" UNION "), UNION_ALL(" UNION ALL "), INTERSECT(" INTERSECT "), EXCEPT(" EXCEPT ");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }

    @Override
    public void render(Ctx ctx) {
        if ((op == Op.INTERSECT || op == Op.EXCEPT) && !ctx.supports(Feature.INTERSECT_EXCEPT)) {
            throw ctx.unsupported(op.sql.strip(), "Use EXISTS / NOT EXISTS with a correlated subquery instead.");
        }
        boolean sqlite = ctx.family() == Engine.SQLITE;
        boolean leftGroup = left.hasTail() || left.with() != null
                || (left.compound() != null && !sqlite && left.compound().op != op);
        operand(ctx, left, leftGroup);
        ctx.sql(op.sql);
        operand(ctx, right, right.hasTail() || right.compound() != null || right.with() != null);
    }

    private static void operand(Ctx ctx, SelectModel m, boolean group) {
        if (!group) {
            ctx.visit(m);
        } else if (ctx.family() == Engine.SQLITE) {
            ctx.sql("SELECT * FROM (").visit(m).sql(')');
        } else {
            ctx.sql('(').visit(m).sql(')');
        }
    }
}
