package io.covet.sql;

/** {@code field [NOT] IN (subquery)}. */
record InSelect(Field<?> field, Select subquery, boolean negated) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        ctx.visit(field).sql(negated ? " NOT IN " : " IN ");
        subquery.renderNested(ctx);
    }
}
