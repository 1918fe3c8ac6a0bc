package io.covet.sql;

import io.covet.core.dialect.Feature;

import java.util.List;

/** {@code WITH [RECURSIVE] "a" AS (…), "b" AS (…) }: the common table expressions of a statement. */
record WithClause(boolean recursive, List<Cte> ctes) implements Node {
    @Override
    public void render(Ctx ctx) {
        if (!ctx.supports(Feature.CTE)) {
            throw ctx.unsupported("WITH (common table expressions)", "Use derived tables in FROM instead.");
        }
        ctx.sql(recursive ? "WITH RECURSIVE " : "WITH ");
        for (int i = 0; i < ctes.size(); i++) {
            if (i > 0) {
                ctx.sql(", ");
            }
            ctes.get(i).renderDefinition(ctx);
        }
        ctx.sql(' ');
    }
}
