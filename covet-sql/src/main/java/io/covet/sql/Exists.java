package io.covet.sql;

/** {@code [NOT] EXISTS (subquery)}. */
record Exists(Select subquery, boolean negated) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        ctx.sql(negated ? "NOT EXISTS " : "EXISTS ");
        subquery.renderNested(ctx);
    }
}
