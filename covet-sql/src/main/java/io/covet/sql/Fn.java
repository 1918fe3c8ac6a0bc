package io.covet.sql;

import java.util.List;

/**
 * A scalar function call {@code name(args)} whose name differs by family (PostgreSQL, MariaDB, SQLite) but whose
 * arguments do not, e.g. {@code char_length} / {@code CHAR_LENGTH} / {@code length}. A null name means the
 * family has no such function and gets {@link io.covet.core.error.UnsupportedFeature} with {@code alternative}.
 */
record Fn<T>(String pg, String maria, String sqlite, List<Field<?>> args, Class<T> type) implements FieldNode<T> {

    static <T> Fn<T> same(String name, Class<T> type, Field<?>... args) {
        return new Fn<>(name, name, name, List.of(args), type);
    }

    @Override
    public void render(Ctx ctx) {
        String name = switch (ctx.family()) {
            case POSTGRESQL -> pg;
            case MARIADB -> maria;
            default -> sqlite;
        };
        ctx.sql(name).sql('(').list(args).sql(')');
    }
}
