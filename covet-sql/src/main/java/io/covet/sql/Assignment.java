package io.covet.sql;

import java.util.Objects;

/**
 * {@code column = value} in UPDATE SET and in an upsert's update. Made with {@link Column#set(Object)} or
 * {@link Column#set(Field)}. Immutable.
 */
public final class Assignment {
    final Column<?> column;
    final Field<?> value;

    Assignment(Column<?> column, Field<?> value) {
        this.column = Objects.requireNonNull(column, "column");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The column written. */
    public Column<?> column() {
        return column;
    }

    /** The value or expression written to it. */
    public Field<?> value() {
        return value;
    }

    void render(Ctx ctx) {
        ctx.unqualified(column).sql(" = ").visit(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Assignment a && a.column.equals(column) && a.value.equals(value);
    }

    @Override
    public int hashCode() {
        return column.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return column + " = " + value;
    }
}
