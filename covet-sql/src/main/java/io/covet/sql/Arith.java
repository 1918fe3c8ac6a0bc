package io.covet.sql;

/** {@code (left op right)}; always parenthesised so that nesting never depends on operator precedence. */
record Arith<T>(Field<T> left, Op op, Field<T> right) implements FieldNode<T> {
    enum Op {
        PLUS(" + "), MINUS(" - "), TIMES(" * "), DIV(" / "), MOD(" % ");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }

    @Override
    public Class<T> type() {
        return left.type();
    }

    @Override
    public void render(Ctx ctx) {
        ctx.sql('(').visit(left).sql(op.sql).visit(right).sql(')');
    }
}
