package io.covet.sql;

/** {@code left op right} for the six comparison operators. */
record Compare(Field<?> left, Op op, Field<?> right) implements CondNode {
    enum Op {
        EQ(" = "), NE(" <> "), LT(" < "), LE(" <= "), GT(" > "), GE(" >= ");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }

    @Override
    public void render(Ctx ctx) {
        ctx.visit(left).sql(op.sql).visit(right);
    }
}
