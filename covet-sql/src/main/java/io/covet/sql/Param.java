package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.Objects;

/**
 * A bound value: always rendered as {@code ?} and collected in order.
 *
 * <p>Equality ignores the value on purpose: two queries that differ only in their values have the same shape and
 * share one rendered text in the render cache. When {@code cast} is set the parameter is wrapped in
 * {@code CAST(? AS type)} on PostgreSQL, whose planner cannot infer a parameter's type in a select list, in
 * {@code COALESCE} of parameters or for a NULL.
 */
record Param<T>(Class<T> type, boolean cast, T value) implements FieldNode<T> {

    @SuppressWarnings("unchecked")
    static <T> Param<T> of(T value) {
        Objects.requireNonNull(value, "value");
        return new Param<>((Class<T>) value.getClass(), false, value);
    }

    static <T> Param<T> of(T value, Class<T> type) {
        return new Param<>(type, false, value);
    }

    static <T> Param<T> typed(T value, Class<T> type) {
        return new Param<>(type, true, value);
    }

    /** This parameter without its value, for a render-cache key that must not keep user data alive. */
    Param<T> stripped() {
        return value == null ? this : new Param<>(type, cast, null);
    }

    @Override
    public void render(Ctx ctx) {
        if (type == Json.class) {
            Object text = value == null ? null : ((Json) value).text();
            switch (ctx.family()) {
                case POSTGRESQL -> ctx.sql("CAST(").param(text).sql(" AS jsonb)");
                default -> ctx.param(text);
            }
        } else if (type == java.math.BigDecimal.class && ctx.family() == Engine.SQLITE) {
            // A decimal takes part in arithmetic as a decimal: SQLite would divide x / 3 as integers when the
            // value is whole, so it is cast to REAL (not NUMERIC, which turns 3.00 into the integer 3).
            ctx.sql("CAST(").param(value).sql(" AS REAL)");
        } else if (cast && ctx.family() == Engine.POSTGRESQL) {
            ctx.sql("CAST(").param(value).sql(" AS ").sql(SqlTypes.name(ctx.family(), type)).sql(')');
        } else {
            ctx.param(value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Param<?> p && p.type == type && p.cast == cast;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + (cast ? 1 : 0);
    }

    @Override
    public String toString() {
        return "?";
    }
}
