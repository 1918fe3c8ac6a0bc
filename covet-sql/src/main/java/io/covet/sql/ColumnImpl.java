package io.covet.sql;

import java.util.Objects;

/** A column: {@code "qualifier"."name"}, or just {@code "name"} when unqualified or when the clause forbids it. */
record ColumnImpl<T>(Table table, String name, Class<T> type) implements Column<T>, FieldNode<T> {
    ColumnImpl {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, "column type");
    }

    @Override
    public String outputName() {
        return name;
    }

    @Override
    public void render(Ctx ctx) {
        if (table != null && ctx.qualify()) {
            table.renderQualifier(ctx);
            ctx.sql('.');
        }
        ctx.id(name);
    }

    @Override
    public String toString() {
        return (table == null ? "" : table + ".") + name;
    }
}
