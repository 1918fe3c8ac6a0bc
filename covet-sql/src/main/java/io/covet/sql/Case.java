package io.covet.sql;

/**
 * {@code CASE WHEN … THEN … [WHEN …] [ELSE …] END}, started with {@link Sql#when(Condition, Object)}. Without
 * {@link #otherwise} the value is NULL when no branch matches. Immutable.
 *
 * @param <T> the result type
 */
public sealed interface Case<T> extends Field<T> permits CaseExpr {
    /** Another branch with a bound value. */
    Case<T> when(Condition condition, T value);

    /** Another branch with an expression. */
    Case<T> when(Condition condition, Field<T> value);

    /** The ELSE value (bound). */
    Field<T> otherwise(T value);

    /** The ELSE expression. */
    Field<T> otherwise(Field<T> value);
}
