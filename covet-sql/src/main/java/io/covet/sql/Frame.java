package io.covet.sql;

import java.util.Objects;

/**
 * One end of a window frame: {@code UNBOUNDED PRECEDING}, {@code n PRECEDING}, {@code CURRENT ROW},
 * {@code n FOLLOWING}, {@code UNBOUNDED FOLLOWING}. Offsets are bound parameters. Immutable.
 *
 * @see WindowSpec#rowsBetween(Frame, Frame)
 */
public final class Frame {
    enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    final Kind kind;
    final Field<Long> offset;

    Frame(Kind kind, Field<Long> offset) {
        this.kind = kind;
        this.offset = offset;
    }

    /** {@code UNBOUNDED PRECEDING}: from the partition's first row. */
    public static Frame unboundedPreceding() {
        return new Frame(Kind.UNBOUNDED_PRECEDING, null);
    }

    /** {@code n PRECEDING}. */
    public static Frame preceding(long rows) {
        return new Frame(Kind.PRECEDING, offset(rows));
    }

    /** {@code CURRENT ROW}. */
    public static Frame currentRow() {
        return new Frame(Kind.CURRENT_ROW, null);
    }

    /** {@code n FOLLOWING}. */
    public static Frame following(long rows) {
        return new Frame(Kind.FOLLOWING, offset(rows));
    }

    /** {@code UNBOUNDED FOLLOWING}: to the partition's last row. */
    public static Frame unboundedFollowing() {
        return new Frame(Kind.UNBOUNDED_FOLLOWING, null);
    }

    private static Field<Long> offset(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("a frame offset must not be negative, was " + rows);
        }
        return Param.of(rows, Long.class);
    }

    void render(Ctx ctx) {
        switch (kind) {
            case UNBOUNDED_PRECEDING -> ctx.sql("UNBOUNDED PRECEDING");
            case PRECEDING -> ctx.visit(offset).sql(" PRECEDING");
            case CURRENT_ROW -> ctx.sql("CURRENT ROW");
            case FOLLOWING -> ctx.visit(offset).sql(" FOLLOWING");
            case UNBOUNDED_FOLLOWING -> ctx.sql("UNBOUNDED FOLLOWING");
        }
    }

    Frame stripValues() {
        @SuppressWarnings("unchecked")
        Field<Long> o = (Field<Long>) Shapes.strip(offset);
        return o == offset ? this : new Frame(kind, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.kind == kind && Objects.equals(f.offset, offset);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(offset);
    }
}
