package io.covet.sql;

import io.covet.core.engine.Engine;

/**
 * In an upsert's update, the value the conflicting INSERT proposed for a column: {@code EXCLUDED."c"} on
 * PostgreSQL and SQLite, {@code VALUES(`c`)} on MariaDB.
 */
record Excluded<T>(Column<T> column) implements FieldNode<T> {
    @Override
    public Class<T> type() {
        return column.type();
    }

    @Override
    public void render(Ctx ctx) {
        if (ctx.family() == Engine.MARIADB) {
            ctx.sql("VALUES(").id(column.name()).sql(')');
        } else {
            ctx.sql("EXCLUDED.").id(column.name());
        }
    }
}
