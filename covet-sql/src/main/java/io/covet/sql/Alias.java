package io.covet.sql;

/**
 * A field under an alias. In a select list it declares {@code expr AS "alias"}; in GROUP BY and a query's
 * ORDER BY it is referenced by its alias (so a bound parameter inside is not bound twice, which PostgreSQL would
 * not match against the select list); anywhere else it is its expression.
 */
record Alias<T>(Field<T> field, String alias) implements FieldNode<T> {
    @Override
    public Class<T> type() {
        return field.type();
    }

    @Override
    public String outputName() {
        return alias;
    }

    @Override
    public void render(Ctx ctx) {
        switch (ctx.clause()) {
            case SELECT -> {
                Clause outer = ctx.clause(Clause.OTHER);
                ctx.visit(field).sql(" AS ").id(alias);
                ctx.clause(outer);
            }
            case REFERENCE -> ctx.id(alias);
            default -> ctx.visit(field);
        }
    }
}
