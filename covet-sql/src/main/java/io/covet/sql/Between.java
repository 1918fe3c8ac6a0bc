package io.covet.sql;

/** {@code field BETWEEN low AND high}. */
record Between(Field<?> field, Field<?> low, Field<?> high) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        ctx.visit(field).sql(" BETWEEN ").visit(low).sql(" AND ").visit(high);
    }
}
