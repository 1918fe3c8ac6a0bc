package io.covet.sql;

import java.util.List;

/** {@code (a, b) op (?, ?)}, or {@code a op ?} for one field; row values work on all three engines. */
record RowCompare(List<Field<?>> fields, Compare.Op op, List<Field<?>> values) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        if (fields.size() == 1) {
            ctx.visit(fields.get(0)).sql(op.sql).visit(values.get(0));
        } else {
            ctx.sql('(').list(fields).sql(')').sql(op.sql).sql('(').list(values).sql(')');
        }
    }
}
