package io.covet.sql;

/** A constant condition, written {@code 1 = 1} or {@code 1 = 0} so that it parses on every engine. */
record BoolConst(boolean value) implements CondNode {
    @Override
    public void render(Ctx ctx) {
        ctx.sql(value ? "1 = 1" : "1 = 0");
    }
}
