package io.covet.sql;

import java.util.Objects;

/**
 * A column: {@code "qualifier"."name"}, or just {@code "name"} when unqualified or when the clause forbids it. A
 * column of a native type ({@code nativeText}) has its compared values bound as {@link io.covet.core.NativeText}.
 */
record ColumnImpl<T>(Table table, String name, Class<T> type, boolean nativeText, String arrayElement)
        implements Column<T>, FieldNode<T> {
    ColumnImpl {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, "column type");
    }

    ColumnImpl(Table table, String name, Class<T> type) {
        this(table, name, type, false, null);
    }

    ColumnImpl(Table table, String name, Class<T> type, boolean nativeText) {
        this(table, name, type, nativeText, null);
    }

    /**
     * The value bound for {@code column}: text and enum values of a native-typed column as
     * {@link io.covet.core.NativeText}, a list given to an array column as {@link io.covet.core.SqlArray}, anything
     * else as is.
     */
    @SuppressWarnings("unchecked")
    static <T> T bound(Field<T> column, T value) {
        if (column instanceof ColumnImpl<T> c && c.arrayElement() != null && value instanceof java.util.List<?> l) {
            return (T) io.covet.core.SqlArray.of(c.arrayElement(), l);
        }
        return column instanceof ColumnImpl<T> c && c.nativeText() ? (T) io.covet.core.NativeText.of(value) : value;
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
