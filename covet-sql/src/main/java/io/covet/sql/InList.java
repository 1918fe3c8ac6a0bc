package io.covet.sql;

import java.util.List;

/** {@code field [NOT] IN (?, ?, …)}; an empty list is constant false (or true for NOT IN). */
record InList(Field<?> field, List<Field<?>> values, boolean negated) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        if (values.isEmpty()) {
            ctx.sql(negated ? "1 = 1" : "1 = 0");
            return;
        }
        ctx.visit(field).sql(negated ? " NOT IN (" : " IN (").list(values).sql(')');
    }
}
