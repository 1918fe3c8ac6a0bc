package io.covet.sql;

import java.util.List;
import java.util.Objects;

/**
 * Window functions and windows. Supported by PostgreSQL, MariaDB 10.2+, MySQL 8 and SQLite 3.25+.
 *
 * <pre>{@code
 * WindowSpec byDept = Windows.named("w").partitionBy(EMP.DEPT).orderBy(EMP.SALARY.desc());
 * Sql.select(EMP.NAME, Windows.rank().over(byDept), Functions.sum(EMP.SALARY).over(byDept))
 *    .from(EMP).window(byDept);
 * }</pre>
 */
public final class Windows {
    private static final WindowSpec ALL = new WindowSpec(null, List.of(), List.of(), null);

    private Windows() {
    }

    /** The empty window {@code ()}: the whole result. */
    public static WindowSpec all() {
        return ALL;
    }

    /** An anonymous window partitioned by {@code fields}. */
    public static WindowSpec partitionBy(Field<?>... fields) {
        return ALL.partitionBy(fields);
    }

    /** An anonymous window ordered by {@code fields}. */
    public static WindowSpec orderBy(OrderField... fields) {
        return ALL.orderBy(fields);
    }

    /**
     * A named window: functions reference it as {@code OVER "name"} and the query declares it with
     * {@link Select#window(WindowSpec...)}.
     */
    public static WindowSpec named(String name) {
        return new WindowSpec(Objects.requireNonNull(name, "name"), List.of(), List.of(), null);
    }

    /** {@code ROW_NUMBER()}: 1, 2, 3… in window order. */
    public static WindowFunction<Long> rowNumber() {
        return fn("ROW_NUMBER", Long.class);
    }

    /** {@code RANK()}: rank with gaps after ties. */
    public static WindowFunction<Long> rank() {
        return fn("RANK", Long.class);
    }

    /** {@code DENSE_RANK()}: rank without gaps. */
    public static WindowFunction<Long> denseRank() {
        return fn("DENSE_RANK", Long.class);
    }

    /** {@code NTILE(?)}: the bucket 1…n of each row when the window is split into {@code buckets} parts. */
    public static WindowFunction<Integer> ntile(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("ntile needs at least one bucket, was " + buckets);
        }
        return fn("NTILE", Integer.class, Param.of(buckets, Integer.class));
    }

    /** {@code LAG(field)}: the value of the previous row, NULL on the first. */
    public static <T> WindowFunction<T> lag(Field<T> field) {
        return fn("LAG", field.type(), field);
    }

    /** {@code LAG(field, ?)}: the value {@code offset} rows back. */
    public static <T> WindowFunction<T> lag(Field<T> field, int offset) {
        return fn("LAG", field.type(), field, offset(offset));
    }

    /**
     * {@code LAG(field, ?, ?)}: the value {@code offset} rows back, or {@code defaultValue} before the first row.
     * PostgreSQL and SQLite; MariaDB has no default argument and refuses it.
     */
    @Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.SQLITE})
    public static <T> WindowFunction<T> lag(Field<T> field, int offset, T defaultValue) {
        return fn("LAG", field.type(), field, offset(offset), Param.typed(defaultValue, field.type()));
    }

    /** {@code LEAD(field)}: the value of the next row, NULL on the last. */
    public static <T> WindowFunction<T> lead(Field<T> field) {
        return fn("LEAD", field.type(), field);
    }

    /** {@code LEAD(field, ?)}: the value {@code offset} rows ahead. */
    public static <T> WindowFunction<T> lead(Field<T> field, int offset) {
        return fn("LEAD", field.type(), field, offset(offset));
    }

    /** {@code LEAD(field, ?, ?)}; PostgreSQL and SQLite, see {@link #lag(Field, int, Object)}. */
    @Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.SQLITE})
    public static <T> WindowFunction<T> lead(Field<T> field, int offset, T defaultValue) {
        return fn("LEAD", field.type(), field, offset(offset), Param.typed(defaultValue, field.type()));
    }

    /** {@code FIRST_VALUE(field)}: the value at the frame's first row. */
    public static <T> WindowFunction<T> firstValue(Field<T> field) {
        return fn("FIRST_VALUE", field.type(), field);
    }

    /**
     * {@code LAST_VALUE(field)}: the value at the frame's last row. With an ORDER BY the default frame ends at the
     * current row; use {@code rowsBetween(unboundedPreceding(), unboundedFollowing())} for the partition's last.
     */
    public static <T> WindowFunction<T> lastValue(Field<T> field) {
        return fn("LAST_VALUE", field.type(), field);
    }

    /** An int parameter: PostgreSQL's NTILE, LAG and LEAD take {@code integer}, not {@code bigint}. */
    private static Field<Integer> offset(int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        return Param.of(offset, Integer.class);
    }

    private static <T> WindowFunction<T> fn(String name, Class<T> type, Field<?>... args) {
        return new WindowFunction<>(new WinFunc(name, List.of(args)), type);
    }
}
