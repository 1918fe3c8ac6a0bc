package io.covet.sql;

/**
 * A date part as an integer: {@code EXTRACT(part FROM x)} on PostgreSQL (cast, since it returns numeric) and
 * MariaDB, {@code CAST(strftime('%Y', x) AS INTEGER)} on SQLite, whose dates are ISO-8601 text. The format is a
 * constant of {@link DatePart}, never user input.
 */
record Extract(DatePart part, Field<?> source) implements FieldNode<Integer> {
    @Override
    public Class<Integer> type() {
        return Integer.class;
    }

    @Override
    public void render(Ctx ctx) {
        switch (ctx.family()) {
            case POSTGRESQL -> ctx.sql("CAST(floor(EXTRACT(").sql(part.name()).sql(" FROM ").visit(source)
                    .sql(")) AS INTEGER)");
            case MARIADB -> ctx.sql("EXTRACT(").sql(part.name()).sql(" FROM ").visit(source).sql(')');
            default -> ctx.sql("CAST(strftime('").sql(part.strftime).sql("', ").visit(source).sql(") AS INTEGER)");
        }
    }
}
