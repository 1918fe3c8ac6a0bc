package io.covet.sql;

/**
 * The 1-based position of {@code part} in {@code text}, 0 when absent: {@code strpos(text, part)} on PostgreSQL,
 * {@code LOCATE(part, text)} on MariaDB, {@code instr(text, part)} on SQLite.
 */
record Position(Field<String> text, Field<String> part) implements FieldNode<Integer> {
    @Override
    public Class<Integer> type() {
        return Integer.class;
    }

    @Override
    public void render(Ctx ctx) {
        switch (ctx.family()) {
            case POSTGRESQL -> ctx.sql("strpos(").visit(text).sql(", ").visit(part).sql(')');
            case MARIADB -> ctx.sql("LOCATE(").visit(part).sql(", ").visit(text).sql(')');
            default -> ctx.sql("instr(").visit(text).sql(", ").visit(part).sql(')');
        }
    }
}
