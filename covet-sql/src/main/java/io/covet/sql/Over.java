package io.covet.sql;

import io.covet.core.dialect.Feature;

/** {@code function OVER window} for window and aggregate functions. */
record Over<T>(Node function, WindowSpec window, Class<T> type) implements FieldNode<T> {
    @Override
    public void render(Ctx ctx) {
        if (!ctx.supports(Feature.WINDOW_FUNCTIONS)) {
            throw ctx.unsupported("window functions", "Upgrade the server (MariaDB 10.2+, MySQL 8, SQLite 3.25+).");
        }
        function.render(ctx);
        ctx.sql(" OVER ").visit(window);
    }
}
