package io.covet.sql;

import io.covet.core.engine.Engine;

/** {@code field op ANY|ALL (subquery)}; refused on SQLite, which has no quantified comparisons. */
record QuantifiedCompare(Field<?> field, Compare.Op op, Quantified<?> quantified) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        if (ctx.family() == Engine.SQLITE) {
            String q = quantified.all ? "ALL" : "ANY";
            throw ctx.unsupported("a comparison with " + q + " (subquery)",
                    "Use IN / NOT IN for = ANY and <> ALL, or compare with the subquery's MIN() or MAX() "
                            + "(for example x > (SELECT MAX(…)) instead of x > ALL (…)).");
        }
        ctx.visit(field).sql(op.sql).sql(quantified.all ? "ALL " : "ANY ");
        quantified.subquery.renderNested(ctx);
    }
}
