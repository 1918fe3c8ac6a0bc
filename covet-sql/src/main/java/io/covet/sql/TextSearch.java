package io.covet.sql;

/** A full-text match (a condition) or rank (a field) of a {@link FullText} index; the search text is bound. */
record TextSearch(FullText index, Param<String> text, boolean rank) implements FieldNode<Double>, CondNode {
    @Override
    public Class<Double> type() {
        return Double.class;
    }

    @Override
    public void render(Ctx ctx) {
        String value = text.value();
        switch (ctx.family()) {
            case POSTGRESQL -> {
                if (rank) {
                    ctx.sql("ts_rank(");
                    index.tsvector(ctx);
                    ctx.sql(", ");
                    index.tsquery(ctx, value);
                    ctx.sql(')');
                } else {
                    ctx.sql('(');
                    index.tsvector(ctx);
                    ctx.sql(" @@ ");
                    index.tsquery(ctx, value);
                    ctx.sql(')');
                }
            }
            case MARIADB -> index.matchAgainst(ctx, value);
            default -> {
                String query = value == null ? null : FullText.fts5Query(value);
                if (rank) {
                    ctx.sql("(SELECT -bm25(").id(index.ftsTable()).sql(") FROM ").id(index.ftsTable())
                            .sql(" WHERE ").id(index.ftsTable()).sql(" MATCH ").param(query).sql(" AND rowid = ")
                            .visit(index.key()).sql(')');
                } else {
                    ctx.visit(index.key()).sql(" IN (SELECT rowid FROM ").id(index.ftsTable()).sql(" WHERE ")
                            .id(index.ftsTable()).sql(" MATCH ").param(query).sql(')');
                }
            }
        }
    }
}
