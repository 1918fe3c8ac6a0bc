package io.covet.sql;

import java.util.List;

/**
 * A JSON path lookup. The path is bound: on PostgreSQL one parameter per step ({@code -> ?}), on MariaDB and
 * SQLite one path-text parameter. Which steps are keys and which are indexes is part of the shape; the keys
 * themselves are values.
 */
record JsonExtract<T>(Field<Json> document, List<Object> path, boolean asText, Class<T> type)
        implements FieldNode<T> {

    /** Without the keys (only whether each step is a key or an index), for a render-cache key. */
    @SuppressWarnings("unchecked")
    JsonExtract<T> stripValues() {
        List<Object> shape = new java.util.ArrayList<>(path.size());
        for (Object p : path) {
            shape.add(p instanceof Integer ? (Object) 0 : "");
        }
        return new JsonExtract<>((Field<Json>) Shapes.strip(document), List.copyOf(shape), asText, type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonExtract<?> j && j.asText == asText && j.type == type && j.document.equals(document)
                && kinds(j.path).equals(kinds(path));
    }

    @Override
    public int hashCode() {
        return (document.hashCode() * 31 + kinds(path).hashCode()) * 31 + (asText ? 1 : 0);
    }

    private static String kinds(List<Object> path) {
        StringBuilder sb = new StringBuilder(path.size());
        for (Object p : path) {
            sb.append(p instanceof Integer ? 'i' : 'k');
        }
        return sb.toString();
    }

    @Override
    public void render(Ctx ctx) {
        switch (ctx.family()) {
            case POSTGRESQL -> {
                ctx.sql('(').visit(document);
                for (int i = 0; i < path.size(); i++) {
                    Object step = path.get(i);
                    ctx.sql(asText && i == path.size() - 1 ? " ->> " : " -> ");
                    ctx.param(step);
                }
                ctx.sql(')');
            }
            case MARIADB -> {
                if (asText) {
                    // JSON null extracts as the JSON text null; NULLIF makes it SQL NULL as on the other engines.
                    ctx.sql("JSON_UNQUOTE(NULLIF(JSON_EXTRACT(").visit(document).sql(", ")
                            .param(Json.pathText(path)).sql("), 'null'))");
                } else {
                    ctx.sql("JSON_EXTRACT(").visit(document).sql(", ").param(Json.pathText(path)).sql(')');
                }
            }
            default -> {
                if (asText) {
                    ctx.sql("CAST((").visit(document).sql(" ->> ").param(Json.pathText(path)).sql(") AS TEXT)");
                } else {
                    ctx.sql('(').visit(document).sql(" -> ").param(Json.pathText(path)).sql(')');
                }
            }
        }
    }
}
