package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.List;

/** The tree of one DELETE; see {@link Delete} for the builder. */
record DeleteModel(WithClause with, Table table, Condition where, List<SelectItem> returning) implements Node {

    @Override
    public void render(Ctx ctx) {
        boolean maria = ctx.family() == Engine.MARIADB;
        if (with != null) {
            if (maria) {
                throw ctx.unsupported("WITH … DELETE", "MariaDB takes WITH only in SELECT and INSERT … SELECT: move "
                        + "the CTE into an IN (subquery) in the WHERE.");
            }
            ctx.visit(with);
        }
        if (maria && table.alias() != null) {
            // MariaDB's single-table DELETE has no alias; the multi-table form names the alias to delete from.
            if (!returning.isEmpty()) {
                throw ctx.unsupported("DELETE … RETURNING on an aliased table", "Delete from the table without an "
                        + "alias: MariaDB allows RETURNING only on single-table DELETE, which cannot be aliased.");
            }
            ctx.sql("DELETE ").id(table.alias()).sql(" FROM ");
        } else {
            ctx.sql("DELETE FROM ");
        }
        if (table.readSource() != null) {
            throw new IllegalArgumentException("cannot DELETE " + table.name() + ": it is read through a query (a "
                    + "multi-table model joined to its parent), so write its own table and its parent's instead");
        }
        table.renderDeclaration(ctx);
        if (!(where instanceof NoCondition)) {
            ctx.sql(" WHERE ").visit(where);
        }
        Returning.render(ctx, returning, "DELETE");
    }
}
