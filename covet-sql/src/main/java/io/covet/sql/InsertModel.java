package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.List;

/** The tree of one INSERT; see {@link Insert} for the builder. */
record InsertModel(WithClause with, Table table, List<Column<?>> columns, List<List<Field<?>>> rows,
                   SelectModel select, boolean defaultValues, Conflict conflict, List<SelectItem> returning)
        implements Node {

    @Override
    public void render(Ctx ctx) {
        boolean maria = ctx.family() == Engine.MARIADB;
        if (with != null) {
            if (!maria) {
                ctx.visit(with);
            } else if (select == null) {
                throw ctx.unsupported("WITH … INSERT … VALUES", "MariaDB takes a WITH clause only in the SELECT of an "
                        + "INSERT … SELECT: use insertInto(…).select(…) with the CTEs on that select.");
            }
        }
        ctx.sql("INSERT INTO ");
        table.renderName(ctx);
        if (!columns.isEmpty()) {
            ctx.sql(" (");
            boolean outer = ctx.qualify(false);
            ctx.list(columns);
            ctx.qualify(outer);
            ctx.sql(')');
        }
        if (select != null) {
            ctx.sql(' ');
            if (maria && with != null) {
                ctx.visit(with);
            }
            SelectModel s = select;
            if (conflict != null && ctx.family() == Engine.SQLITE && s.where() instanceof NoCondition) {
                // SQLite cannot tell "ON CONFLICT" from a join's ON after a SELECT without WHERE (documented quirk).
                s = s.compound() == null ? s.withWhere(new BoolConst(true))
                        : SelectModel.EMPTY.withFrom(List.of(new Select(s).asTable("covet_upsert_source")))
                        .withWhere(new BoolConst(true));
            }
            ctx.visit(s);
        } else if (defaultValues) {
            ctx.sql(maria ? " VALUES ()" : " DEFAULT VALUES");
        } else {
            ctx.sql(" VALUES ");
            for (int i = 0; i < rows.size(); i++) {
                ctx.sql(i == 0 ? "(" : ", (").list(rows.get(i)).sql(')');
            }
        }
        if (conflict != null) {
            conflict.render(ctx, columns);
        }
        Returning.render(ctx, returning, "INSERT");
    }
}
