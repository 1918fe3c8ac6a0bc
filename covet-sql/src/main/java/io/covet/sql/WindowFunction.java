package io.covet.sql;

/**
 * A window function that needs a window before it is a field: {@code ROW_NUMBER()}, {@code RANK()},
 * {@code DENSE_RANK()}, {@code NTILE(n)}, {@code LAG}, {@code LEAD}, {@code FIRST_VALUE}, {@code LAST_VALUE}.
 * Made by {@link Windows}. Immutable.
 *
 * @param <T> the result type
 */
public final class WindowFunction<T> {
    private final WinFunc call;
    private final Class<T> type;

    WindowFunction(WinFunc call, Class<T> type) {
        this.call = call;
        this.type = type;
    }

    /** The function over a window: {@code RANK() OVER (PARTITION BY … ORDER BY …)} or {@code OVER "w"}. */
    public Field<T> over(WindowSpec window) {
        return new Over<>(call, window, type);
    }

    /** The function over the whole result, {@code OVER ()}. */
    public Field<T> over() {
        return over(Windows.all());
    }

    @Override
    public String toString() {
        return call.name() + "(…)";
    }
}
