package io.covet.sql;

/**
 * The neutral condition: it vanishes when combined with AND/OR and a clause holding only it is left out. Alone
 * where SQL needs a condition it renders {@code 1 = 1}.
 */
enum NoCondition implements CondNode {
    INSTANCE;

    @Override
    public void render(Ctx ctx) {
        ctx.sql("1 = 1");
    }
}
