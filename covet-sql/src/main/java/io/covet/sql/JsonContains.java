package io.covet.sql;

/**
 * JSON containment. PostgreSQL {@code @>}, MariaDB {@code JSON_CONTAINS}; SQLite has no containment function, so
 * every scalar leaf of the candidate must exist with the same path, type and value in the document (a
 * {@code json_tree} walk in a NOT EXISTS).
 */
record JsonContains(Field<Json> document, Field<Json> candidate) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        switch (ctx.family()) {
            case POSTGRESQL -> ctx.sql('(').visit(document).sql(" @> ").visit(candidate).sql(')');
            case MARIADB -> ctx.sql("JSON_CONTAINS(").visit(document).sql(", ").visit(candidate).sql(')');
            default -> {
                ctx.sql("NOT EXISTS (SELECT 1 FROM json_tree(").visit(candidate).sql(") AS ").id("covet_jn")
                        .sql(" WHERE ").id("covet_jn").sql(".type NOT IN ('object', 'array') AND NOT EXISTS ")
                        .sql("(SELECT 1 FROM json_tree(").visit(document).sql(") AS ").id("covet_jd")
                        .sql(" WHERE ").id("covet_jd").sql(".fullkey = ").id("covet_jn").sql(".fullkey AND ")
                        .id("covet_jd").sql(".type = ").id("covet_jn").sql(".type AND ")
                        .id("covet_jd").sql(".atom IS ").id("covet_jn").sql(".atom))");
            }
        }
    }
}
