package io.covet.sql;

import io.covet.core.engine.Engine;

/** {@code ROWS|RANGE|GROUPS BETWEEN start AND end}; MariaDB has no GROUPS frames. */
record FrameClause(Unit unit, Frame start, Frame end) implements Node {
    enum Unit { ROWS, RANGE, GROUPS }

    @Override
    public void render(Ctx ctx) {
        if (unit == Unit.GROUPS && ctx.family() == Engine.MARIADB) {
            throw ctx.unsupported("GROUPS window frames", "Use a ROWS or RANGE frame.");
        }
        ctx.sql(unit.name()).sql(" BETWEEN ").visit(start).sql(" AND ").visit(end);
    }
}
