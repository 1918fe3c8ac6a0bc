package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.List;

/** A ranking or value window function call {@code NAME(args)}; only valid under {@link Over}. */
record WinFunc(String name, List<Field<?>> args) implements Node {
    @Override
    public void render(Ctx ctx) {
        if (args.size() == 3 && ctx.family() == Engine.MARIADB) {
            throw ctx.unsupported(name + " with a default value", "MariaDB's " + name + " takes no default: use "
                    + "Functions.coalesce(Windows." + name.toLowerCase(java.util.Locale.ROOT)
                    + "(x, n).over(w), default), which also replaces NULL values of x.");
        }
        ctx.sql(name).sql('(').list(args).sql(')');
    }
}
