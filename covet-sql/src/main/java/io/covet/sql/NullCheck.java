package io.covet.sql;

/** {@code field IS [NOT] NULL}. */
record NullCheck(Field<?> field, boolean negated) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        ctx.visit(field).sql(negated ? " IS NOT NULL" : " IS NULL");
    }
}
