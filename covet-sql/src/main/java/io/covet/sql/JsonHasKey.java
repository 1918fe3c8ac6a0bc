package io.covet.sql;

/**
 * Top-level key existence. PostgreSQL's operator is {@code ?}, which the JDBC driver reads as a placeholder
 * unless doubled, hence {@code ??}; it keeps GIN indexes usable, unlike a function form.
 */
record JsonHasKey(Field<Json> document, String key) implements CondNode {

    /** Without the key, for a render-cache key. */
    @SuppressWarnings("unchecked")
    JsonHasKey stripValues() {
        return new JsonHasKey((Field<Json>) Shapes.strip(document), "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonHasKey j && j.document.equals(document);
    }

    @Override
    public int hashCode() {
        return document.hashCode();
    }

    @Override
    public void render(Ctx ctx) {
        switch (ctx.family()) {
            case POSTGRESQL -> ctx.sql('(').visit(document).sql(" ?? ").param(key).sql(')');
            case MARIADB -> ctx.sql("JSON_CONTAINS_PATH(").visit(document).sql(", 'one', ")
                    .param(Json.pathText(java.util.List.of(key))).sql(')');
            default -> ctx.sql("(json_type(").visit(document).sql(", ").param(Json.pathText(java.util.List.of(key)))
                    .sql(") IS NOT NULL)");
        }
    }
}
