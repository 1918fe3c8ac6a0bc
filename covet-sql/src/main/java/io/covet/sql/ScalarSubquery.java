package io.covet.sql;

/** {@code (SELECT …)} used as a value; it must return at most one row of one column. */
record ScalarSubquery<T>(Select query, Class<T> type) implements FieldNode<T> {
    @Override
    public void render(Ctx ctx) {
        query.renderNested(ctx);
    }
}
