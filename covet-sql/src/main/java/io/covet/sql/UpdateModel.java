package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.List;

/** The tree of one UPDATE; see {@link Update} for the builder. */
record UpdateModel(WithClause with, Table table, List<Assignment> sets, Condition where, List<SelectItem> returning)
        implements Node {

    @Override
    public void render(Ctx ctx) {
        if (sets.isEmpty()) {
            throw new IllegalStateException("an UPDATE needs at least one set(…)");
        }
        if (with != null) {
            if (ctx.family() == Engine.MARIADB) {
                throw ctx.unsupported("WITH … UPDATE", "MariaDB takes WITH only in SELECT and INSERT … SELECT: move "
                        + "the CTE into an IN (subquery) or a derived table in the WHERE.");
            }
            ctx.visit(with);
        }
        ctx.sql("UPDATE ");
        if (table.readSource() != null) {
            throw new IllegalArgumentException("cannot UPDATE " + table.name() + ": it is read through a query (a "
                    + "multi-table model joined to its parent), so write its own table and its parent's instead");
        }
        table.renderDeclaration(ctx);
        ctx.sql(" SET ").list(sets);
        if (!(where instanceof NoCondition)) {
            ctx.sql(" WHERE ").visit(where);
        }
        Returning.render(ctx, returning, "UPDATE");
    }
}
