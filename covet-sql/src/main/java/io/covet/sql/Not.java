package io.covet.sql;

/** {@code NOT (condition)}. */
record Not(Condition condition) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        ctx.sql("NOT (").visit(condition).sql(')');
    }
}
