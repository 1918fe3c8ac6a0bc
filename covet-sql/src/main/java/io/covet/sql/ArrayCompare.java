package io.covet.sql;

/**
 * A PostgreSQL array operator between an array column and a bound array: {@code @>} (contains), {@code <@}
 * (contained by), {@code &&} (overlaps). MariaDB and SQLite have no arrays, so rendering there is refused.
 */
record ArrayCompare(Field<?> column, String op, Field<?> values) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        if (ctx.family() != io.covet.core.engine.Engine.POSTGRESQL) {
            throw ctx.unsupported("array operator " + op + " (arrays are a PostgreSQL type)",
                    "Store the list in a JSON column and use jsonContains, or in a table of its own and filter "
                            + "through the relation.");
        }
        ctx.sql('(').visit(column).sql(' ' + op + ' ').visit(values).sql(')');
    }
}
