package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.List;

/**
 * String concatenation: {@code (a || b)} on PostgreSQL and SQLite, {@code CONCAT(a, b)} on MariaDB (whose
 * {@code ||} is logical OR by default). On all three a NULL operand makes the result NULL.
 */
record Concat(List<Field<?>> parts) implements FieldNode<String> {
    @Override
    public Class<String> type() {
        return String.class;
    }

    @Override
    public void render(Ctx ctx) {
        if (ctx.family() == Engine.MARIADB) {
            ctx.sql("CONCAT(").list(parts).sql(')');
            return;
        }
        ctx.sql('(');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                ctx.sql(" || ");
            }
            ctx.visit(parts.get(i));
        }
        ctx.sql(')');
    }
}
