package io.covet.sql;

/**
 * An aggregate ({@code COUNT}, {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX}, JSON aggregates): a field
 * for grouped queries that can also run as a window function with {@link #over(WindowSpec)}. Immutable.
 *
 * @param <T> the result type
 */
public sealed interface AggregateFunction<T> extends Field<T> permits Agg {

    /** This aggregate over a window: {@code SUM(x) OVER (PARTITION BY … ORDER BY … frame)}. */
    Field<T> over(WindowSpec window);

    /** This aggregate over the whole result: {@code … OVER ()}. */
    default Field<T> over() {
        return over(Windows.all());
    }

    /**
     * This aggregate over only the rows matching {@code condition}: {@code FILTER (WHERE …)} on PostgreSQL and
     * SQLite, emulated on MariaDB as {@code SUM(CASE WHEN … THEN x END)} (same result, NULLs ignored alike).
     */
    AggregateFunction<T> filterWhere(Condition condition);
}
