package io.covet.sql;

/** {@code -(field)}. */
record Neg<T>(Field<T> field) implements FieldNode<T> {
    @Override
    public Class<T> type() {
        return field.type();
    }

    @Override
    public void render(Ctx ctx) {
        ctx.sql("-(").visit(field).sql(')');
    }
}
