package io.covet.sql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Aggregate, string, numeric, date and null-handling functions, written with each engine's own name and
 * argument order. Every literal argument is a bound parameter.
 */
public final class Functions {
    private Functions() {
    }

    /** {@code COUNT(*)}. */
    public static AggregateFunction<Long> count() {
        return Agg.of("COUNT", Long.class);
    }

    /** {@code COUNT(field)}: the non-NULL values. */
    public static AggregateFunction<Long> count(Field<?> field) {
        return Agg.of("COUNT", Long.class, field);
    }

    /** {@code COUNT(DISTINCT field)}. */
    public static AggregateFunction<Long> countDistinct(Field<?> field) {
        return new Agg<>(List.of("COUNT", "COUNT", "COUNT"), List.of(field), true, List.of(), NoCondition.INSTANCE,
                Long.class);
    }

    /** {@code SUM(field)}; NULL over no rows. The engine widens integer sums (PostgreSQL returns bigint/numeric). */
    public static <T> AggregateFunction<T> sum(Field<T> field) {
        return Agg.of("SUM", field.type(), field);
    }

    /** {@code AVG(field)}: numeric on PostgreSQL, decimal on MariaDB, real on SQLite. */
    public static AggregateFunction<BigDecimal> avg(Field<?> field) {
        return Agg.of("AVG", BigDecimal.class, field);
    }

    /** {@code MIN(field)}. */
    public static <T> AggregateFunction<T> min(Field<T> field) {
        return Agg.of("MIN", field.type(), field);
    }

    /** {@code MAX(field)}. */
    public static <T> AggregateFunction<T> max(Field<T> field) {
        return Agg.of("MAX", field.type(), field);
    }

    /** {@code COALESCE(a, b, …)}: the first non-NULL argument. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied
    public static <T> Field<T> coalesce(Field<T> first, Field<T>... rest) {
        Field<?>[] all = new Field<?>[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return Fn.same("COALESCE", first.type(), all);
    }

    /** {@code COALESCE(field, ?)}: the field, or {@code fallback} when it is NULL. */
    public static <T> Field<T> coalesce(Field<T> field, T fallback) {
        return Fn.same("COALESCE", field.type(), field, Param.typed(fallback, field.type()));
    }

    /** {@code NULLIF(field, ?)}: NULL when the field equals {@code value}, else the field. */
    public static <T> Field<T> nullif(Field<T> field, T value) {
        return Fn.same("NULLIF", field.type(), field, Param.typed(value, field.type()));
    }

    /** {@code LOWER(text)}. */
    public static Field<String> lower(Field<String> text) {
        return Fn.same("LOWER", String.class, text);
    }

    /** {@code UPPER(text)}. */
    public static Field<String> upper(Field<String> text) {
        return Fn.same("UPPER", String.class, text);
    }

    /** {@code TRIM(text)}: without leading and trailing spaces. */
    public static Field<String> trim(Field<String> text) {
        return Fn.same("TRIM", String.class, text);
    }

    /**
     * The length in characters: {@code char_length} on PostgreSQL, {@code CHAR_LENGTH} on MariaDB (whose
     * {@code LENGTH} counts bytes), {@code length} on SQLite.
     */
    public static Field<Integer> length(Field<String> text) {
        return new Fn<>("char_length", "CHAR_LENGTH", "length", List.of(text), Integer.class);
    }

    /** Concatenation ({@code ||}, or {@code CONCAT} on MariaDB); NULL if any part is NULL. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied
    public static Field<String> concat(Field<String>... parts) {
        if (parts.length < 2) {
            throw new IllegalArgumentException("concat needs at least two parts");
        }
        return new Concat(List.copyOf(Arrays.asList(parts)));
    }

    /** Concatenation of a field and bound text. */
    public static Field<String> concat(Field<String> text, String suffix) {
        return new Concat(List.of(text, Param.typed(Objects.requireNonNull(suffix, "suffix"), String.class)));
    }

    /**
     * {@code length} characters from the 1-based position {@code from}: {@code substr} on PostgreSQL and SQLite,
     * {@code SUBSTRING} on MariaDB.
     */
    public static Field<String> substring(Field<String> text, int from, int length) {
        return new Fn<>("substr", "SUBSTRING", "substr", List.of(text, Param.of(from, Integer.class),
                Param.of(length, Integer.class)), String.class);
    }

    /** Every occurrence of {@code search} in the text replaced by {@code replacement}: {@code REPLACE}. */
    public static Field<String> replace(Field<String> text, String search, String replacement) {
        return Fn.same("REPLACE", String.class, text, Param.typed(search, String.class),
                Param.typed(replacement, String.class));
    }

    /** The 1-based position of {@code part} in the text, 0 when absent. */
    public static Field<Integer> position(Field<String> text, String part) {
        return new Position(text, Param.typed(Objects.requireNonNull(part, "part"), String.class));
    }

    /** {@code ABS(number)}. */
    public static <T extends Number> Field<T> abs(Field<T> number) {
        return Fn.same("ABS", number.type(), number);
    }

    /**
     * {@code ROUND(CAST(number AS decimal), ?)}: rounded half away from zero to {@code decimals} places. The cast
     * is there because PostgreSQL rounds to decimal places only for numeric.
     */
    public static Field<BigDecimal> round(Field<? extends Number> number, int decimals) {
        return Fn.same("ROUND", BigDecimal.class, new Cast<>(number, BigDecimal.class),
                Param.of(decimals, Integer.class));
    }

    /** {@code CURRENT_DATE}: today in the session time zone (UTC on SQLite), as text on SQLite. */
    public static Field<LocalDate> currentDate() {
        return new Keyword<>("CURRENT_DATE", "CURRENT_DATE", "CURRENT_DATE", LocalDate.class);
    }

    /** {@code CURRENT_TIMESTAMP}: now; as {@code YYYY-MM-DD HH:MM:SS} text in UTC on SQLite. */
    public static Field<Instant> currentTimestamp() {
        return new Keyword<>("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP(6)", "CURRENT_TIMESTAMP", Instant.class);
    }

    /** A part of a date or timestamp as an integer; see {@link DatePart}. */
    public static Field<Integer> extract(DatePart part, Field<?> dateOrTimestamp) {
        return new Extract(Objects.requireNonNull(part, "part"), dateOrTimestamp);
    }
}
