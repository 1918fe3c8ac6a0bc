package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A typed SQL expression: a column, a bound value, a function call, an arithmetic or CASE expression, a scalar
 * subquery. Immutable; every method returns a new expression or condition and leaves this one unchanged.
 *
 * <p>Values passed to these methods are always bound parameters ({@code ?}), typed by this field's Java type;
 * they never become SQL text. Supported by PostgreSQL, MariaDB/MySQL and SQLite unless a method says otherwise.
 *
 * @param <T> the Java type of the expression's values
 */
public sealed interface Field<T> extends SelectItem, OrderField permits FieldNode, Column, AggregateFunction, Case {

    /** The Java type of this expression's values; bound values are typed by it. */
    Class<T> type();

    /** This expression under an alias: {@code expr AS "alias"} in a select list, {@code "alias"} in ORDER/GROUP BY. */
    default Field<T> as(String alias) {
        return new Alias<>(this, Objects.requireNonNull(alias, "alias"));
    }

    /** A bound value of this field's type. */
    private Field<T> value(T value, String operator) {
        if (value == null) {
            throw new IllegalArgumentException("cannot compare with " + operator + " NULL: the comparison is never "
                    + "true in SQL; use isNull() or isNotNull()");
        }
        return Param.of(ColumnImpl.bound(this, value), type());
    }

    /** {@code this = ?}. @throws IllegalArgumentException for a null value: use {@link #isNull()} */
    default Condition eq(T value) {
        return new Compare(this, Compare.Op.EQ, value(value, "="));
    }

    /** {@code this = other}. */
    default Condition eq(Field<T> other) {
        return new Compare(this, Compare.Op.EQ, other);
    }

    /** {@code this <> ?}. */
    default Condition ne(T value) {
        return new Compare(this, Compare.Op.NE, value(value, "<>"));
    }

    /** {@code this <> other}. */
    default Condition ne(Field<T> other) {
        return new Compare(this, Compare.Op.NE, other);
    }

    /** {@code this < ?}. */
    default Condition lt(T value) {
        return new Compare(this, Compare.Op.LT, value(value, "<"));
    }

    /** {@code this < other}. */
    default Condition lt(Field<T> other) {
        return new Compare(this, Compare.Op.LT, other);
    }

    /** {@code this <= ?}. */
    default Condition le(T value) {
        return new Compare(this, Compare.Op.LE, value(value, "<="));
    }

    /** {@code this <= other}. */
    default Condition le(Field<T> other) {
        return new Compare(this, Compare.Op.LE, other);
    }

    /** {@code this > ?}. */
    default Condition gt(T value) {
        return new Compare(this, Compare.Op.GT, value(value, ">"));
    }

    /** {@code this > other}. */
    default Condition gt(Field<T> other) {
        return new Compare(this, Compare.Op.GT, other);
    }

    /** {@code this >= ?}. */
    default Condition ge(T value) {
        return new Compare(this, Compare.Op.GE, value(value, ">="));
    }

    /** {@code this >= other}. */
    default Condition ge(Field<T> other) {
        return new Compare(this, Compare.Op.GE, other);
    }

    /**
     * {@code this = ANY (subquery)} / {@code = ALL}. PostgreSQL and MariaDB; SQLite has no ANY/ALL and refuses it
     * with {@link io.covet.core.error.UnsupportedFeature} (use {@link #in(Select)} or compare with MIN/MAX).
     */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    default Condition eq(Quantified<T> subquery) {
        return new QuantifiedCompare(this, Compare.Op.EQ, subquery);
    }

    /** {@code this <> ANY|ALL (subquery)}; see {@link #eq(Quantified)} for engines. */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    default Condition ne(Quantified<T> subquery) {
        return new QuantifiedCompare(this, Compare.Op.NE, subquery);
    }

    /** {@code this < ANY|ALL (subquery)}; see {@link #eq(Quantified)} for engines. */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    default Condition lt(Quantified<T> subquery) {
        return new QuantifiedCompare(this, Compare.Op.LT, subquery);
    }

    /** {@code this <= ANY|ALL (subquery)}; see {@link #eq(Quantified)} for engines. */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    default Condition le(Quantified<T> subquery) {
        return new QuantifiedCompare(this, Compare.Op.LE, subquery);
    }

    /** {@code this > ANY|ALL (subquery)}; see {@link #eq(Quantified)} for engines. */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    default Condition gt(Quantified<T> subquery) {
        return new QuantifiedCompare(this, Compare.Op.GT, subquery);
    }

    /** {@code this >= ANY|ALL (subquery)}; see {@link #eq(Quantified)} for engines. */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    default Condition ge(Quantified<T> subquery) {
        return new QuantifiedCompare(this, Compare.Op.GE, subquery);
    }

    /** {@code this IS NULL}. */
    default Condition isNull() {
        return new NullCheck(this, false);
    }

    /** {@code this IS NOT NULL}. */
    default Condition isNotNull() {
        return new NullCheck(this, true);
    }

    /**
     * {@code this IN (?, ?, …)}, one parameter per value. An empty collection is a condition that is never true
     * ({@code 1 = 0}). Null elements are refused: {@code IN (NULL)} never matches.
     */
    default Condition in(Collection<? extends T> values) {
        return new InList(this, params(values), false);
    }

    /** {@code this IN (?, ?, …)}; see {@link #in(Collection)}. */
    @SuppressWarnings({"unchecked", "varargs"})
    default Condition in(T... values) {
        return in(Arrays.asList(values));
    }

    /** {@code this NOT IN (?, ?, …)}; an empty collection is always true ({@code 1 = 1}). */
    default Condition notIn(Collection<? extends T> values) {
        return new InList(this, params(values), true);
    }

    /** {@code this NOT IN (?, ?, …)}; see {@link #notIn(Collection)}. */
    @SuppressWarnings({"unchecked", "varargs"})
    default Condition notIn(T... values) {
        return notIn(Arrays.asList(values));
    }

    /** {@code this IN (subquery)}. */
    default Condition in(Select subquery) {
        return new InSelect(this, subquery, false);
    }

    /** {@code this NOT IN (subquery)}; beware that a NULL in the subquery makes it never true. */
    default Condition notIn(Select subquery) {
        return new InSelect(this, subquery, true);
    }

    private List<Field<?>> params(Collection<? extends T> values) {
        List<Field<?>> out = new ArrayList<>(values.size());
        for (T v : values) {
            out.add(value(v, "IN"));
        }
        return List.copyOf(out);
    }

    /** {@code this BETWEEN ? AND ?} (both ends included). */
    default Condition between(T low, T high) {
        return new Between(this, value(low, "BETWEEN"), value(high, "BETWEEN"));
    }

    /**
     * {@code this LIKE ?} with the pattern as given ({@code %} and {@code _} are wildcards). Case sensitivity is
     * the engine's: PostgreSQL is case-sensitive, MariaDB follows the column collation (usually not), SQLite
     * ignores ASCII case.
     */
    default Condition like(String pattern) {
        return new Like(this, Param.of(Objects.requireNonNull(pattern, "pattern"), String.class), false, false);
    }

    /** {@code this NOT LIKE ?}; see {@link #like(String)}. */
    default Condition notLike(String pattern) {
        return new Like(this, Param.of(Objects.requireNonNull(pattern, "pattern"), String.class), true, false);
    }

    /** Whether the text starts with {@code prefix} taken literally ({@code %} and {@code _} are escaped). */
    default Condition startsWith(String prefix) {
        return new Like(this, Param.of(Like.escape(prefix) + "%", String.class), false, true);
    }

    /** Whether the text ends with {@code suffix} taken literally. */
    default Condition endsWith(String suffix) {
        return new Like(this, Param.of("%" + Like.escape(suffix), String.class), false, true);
    }

    /** Whether the text contains {@code part} taken literally. */
    default Condition contains(String part) {
        return new Like(this, Param.of("%" + Like.escape(part) + "%", String.class), false, true);
    }

    /** {@code this + ?}. */
    default Field<T> plus(T value) {
        return new Arith<>(this, Arith.Op.PLUS, value(value, "+"));
    }

    /** {@code this + other}. */
    default Field<T> plus(Field<T> other) {
        return new Arith<>(this, Arith.Op.PLUS, other);
    }

    /** {@code this - ?}. */
    default Field<T> minus(T value) {
        return new Arith<>(this, Arith.Op.MINUS, value(value, "-"));
    }

    /** {@code this - other}. */
    default Field<T> minus(Field<T> other) {
        return new Arith<>(this, Arith.Op.MINUS, other);
    }

    /** {@code this * ?}. */
    default Field<T> times(T value) {
        return new Arith<>(this, Arith.Op.TIMES, value(value, "*"));
    }

    /** {@code this * other}. */
    default Field<T> times(Field<T> other) {
        return new Arith<>(this, Arith.Op.TIMES, other);
    }

    /**
     * {@code this / ?}. Integer division truncates on PostgreSQL and SQLite but yields a decimal on MariaDB;
     * cast first when it matters.
     */
    default Field<T> div(T value) {
        return new Arith<>(this, Arith.Op.DIV, value(value, "/"));
    }

    /** {@code this / other}; see {@link #div(Object)}. */
    default Field<T> div(Field<T> other) {
        return new Arith<>(this, Arith.Op.DIV, other);
    }

    /** {@code this % ?} (remainder). */
    default Field<T> mod(T value) {
        return new Arith<>(this, Arith.Op.MOD, value(value, "%"));
    }

    /** {@code -this}. */
    default Field<T> neg() {
        return new Neg<>(this);
    }

    /**
     * {@code CAST(this AS type)} with the engine's name for the type (e.g. {@code Long}: {@code BIGINT} on
     * PostgreSQL, {@code SIGNED} on MariaDB, {@code INTEGER} on SQLite).
     *
     * @throws IllegalArgumentException at render time for a Java type with no SQL type
     */
    default <U> Field<U> cast(Class<U> type) {
        return new Cast<>(this, Objects.requireNonNull(type, "type"));
    }

    /** Ascending order. */
    default SortField asc() {
        return new SortField(this, false, SortField.Nulls.DEFAULT);
    }

    /** Descending order. */
    default SortField desc() {
        return new SortField(this, true, SortField.Nulls.DEFAULT);
    }
}
