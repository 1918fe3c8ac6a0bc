package io.covet.sql;

/** A niladic SQL value such as {@code CURRENT_DATE}, spelled per family. */
record Keyword<T>(String pg, String maria, String sqlite, Class<T> type) implements FieldNode<T> {
    @Override
    public void render(Ctx ctx) {
        ctx.sql(switch (ctx.family()) {
            case POSTGRESQL -> pg;
            case MARIADB -> maria;
            default -> sqlite;
        });
    }
}
