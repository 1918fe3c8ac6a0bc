package io.covet.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A window for window functions: {@code PARTITION BY … ORDER BY … frame}, anonymous ({@code OVER (…)}) or named
 * ({@code OVER "w"}, declared once with {@link Select#window(WindowSpec...)} as {@code WINDOW "w" AS (…)}; all
 * three engines support named windows). Start from {@link Windows}. Immutable.
 */
public final class WindowSpec {
    final String name;
    final List<Field<?>> partitionBy;
    final List<SortField> orderBy;
    final FrameClause frame;

    WindowSpec(String name, List<Field<?>> partitionBy, List<SortField> orderBy, FrameClause frame) {
        this.name = name;
        this.partitionBy = partitionBy;
        this.orderBy = orderBy;
        this.frame = frame;
    }

    /** This window partitioned by {@code fields}. */
    public WindowSpec partitionBy(Field<?>... fields) {
        return new WindowSpec(name, List.of(fields), orderBy, frame);
    }

    /** This window ordered by {@code fields}. */
    public WindowSpec orderBy(OrderField... fields) {
        List<SortField> order = new ArrayList<>();
        for (OrderField f : fields) {
            order.add(SortField.of(f));
        }
        return new WindowSpec(name, partitionBy, List.copyOf(order), frame);
    }

    /** {@code ROWS BETWEEN start AND end}: a frame counted in rows. */
    public WindowSpec rowsBetween(Frame start, Frame end) {
        return frame(FrameClause.Unit.ROWS, start, end);
    }

    /** {@code RANGE BETWEEN start AND end}: a frame of peer values (offsets need a numeric ORDER BY). */
    public WindowSpec rangeBetween(Frame start, Frame end) {
        return frame(FrameClause.Unit.RANGE, start, end);
    }

    /** {@code GROUPS BETWEEN start AND end}: a frame counted in peer groups. PostgreSQL and SQLite only. */
    @Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.SQLITE})
    public WindowSpec groupsBetween(Frame start, Frame end) {
        return frame(FrameClause.Unit.GROUPS, start, end);
    }

    private WindowSpec frame(FrameClause.Unit unit, Frame start, Frame end) {
        return new WindowSpec(name, partitionBy, orderBy,
                new FrameClause(unit, Objects.requireNonNull(start, "start"), Objects.requireNonNull(end, "end")));
    }

    void render(Ctx ctx) {
        if (name != null) {
            ctx.id(name);
        } else {
            ctx.sql('(');
            spec(ctx);
            ctx.sql(')');
        }
    }

    void renderDefinition(Ctx ctx) {
        ctx.id(name).sql(" AS (");
        spec(ctx);
        ctx.sql(')');
    }

    private void spec(Ctx ctx) {
        Clause outer = ctx.clause(Clause.OTHER);
        String sep = "";
        if (!partitionBy.isEmpty()) {
            ctx.sql("PARTITION BY ").list(partitionBy);
            sep = " ";
        }
        if (!orderBy.isEmpty()) {
            ctx.sql(sep).sql("ORDER BY ").list(orderBy);
            sep = " ";
        }
        if (frame != null) {
            ctx.sql(sep).visit(frame);
        }
        ctx.clause(outer);
    }

    WindowSpec stripValues() {
        @SuppressWarnings("unchecked")
        List<Field<?>> p = (List<Field<?>>) Shapes.strip(partitionBy);
        @SuppressWarnings("unchecked")
        List<SortField> o = (List<SortField>) Shapes.strip(orderBy);
        FrameClause f = (FrameClause) Shapes.strip(frame);
        return new WindowSpec(name, p, o, f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowSpec w && Objects.equals(w.name, name) && w.partitionBy.equals(partitionBy)
                && w.orderBy.equals(orderBy) && Objects.equals(w.frame, frame);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, partitionBy, orderBy, frame);
    }

    @Override
    public String toString() {
        return name != null ? name : "window" + Arrays.asList(partitionBy, orderBy);
    }
}
