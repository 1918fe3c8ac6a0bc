package io.covet.sql;

import io.covet.core.dialect.Feature;

import java.util.List;

/** One JOIN of a FROM clause: {@code [kind] JOIN table ON condition} or {@code … USING (columns)}. */
record Join(Kind kind, Table table, Condition on, List<Column<?>> using) implements Node {
    enum Kind {
        INNER("JOIN"), LEFT("LEFT JOIN"), RIGHT("RIGHT JOIN"), FULL("FULL JOIN"), CROSS("CROSS JOIN");

        final String sql;

        Kind(String sql) {
            this.sql = sql;
        }
    }

    @Override
    public void render(Ctx ctx) {
        if (kind == Kind.FULL && !ctx.supports(Feature.FULL_OUTER_JOIN)) {
            throw ctx.unsupported("FULL OUTER JOIN", "Emulate it as a LEFT JOIN UNION ALL a RIGHT JOIN that keeps "
                    + "only the rows whose left side IS NULL, or rethink the query.");
        }
        if (kind == Kind.RIGHT && !ctx.supports(Feature.RIGHT_JOIN)) {
            throw ctx.unsupported("RIGHT JOIN", "Swap the two tables and use a LEFT JOIN.");
        }
        ctx.sql(' ').sql(kind.sql).sql(' ');
        table.renderDeclaration(ctx);
        if (on != null) {
            ctx.sql(" ON ").visit(on);
        } else if (!using.isEmpty()) {
            ctx.sql(" USING (");
            boolean outer = ctx.qualify(false);
            ctx.list(using);
            ctx.qualify(outer);
            ctx.sql(')');
        }
    }
}
