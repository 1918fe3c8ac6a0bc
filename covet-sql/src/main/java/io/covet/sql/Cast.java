package io.covet.sql;

/** {@code CAST(field AS type)} with the engine's type name from {@link SqlTypes}. */
record Cast<T>(Field<?> field, Class<T> type) implements FieldNode<T> {
    @Override
    public void render(Ctx ctx) {
        ctx.sql("CAST(").visit(field).sql(" AS ").sql(SqlTypes.name(ctx.family(), type)).sql(')');
    }

    @Override
    public String outputName() {
        return field instanceof FieldNode<?> f ? f.outputName() : null;
    }
}
