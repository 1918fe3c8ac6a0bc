package io.covet.sql;

import java.util.List;
import java.util.Objects;

/**
 * The entry point of the SQL builder: statements, values, conditions, subqueries and the raw escape hatch.
 * Functions live in {@link Functions}, window functions in {@link Windows}, JSON in {@link Json}, full-text
 * search in {@link FullText}.
 *
 * <pre>{@code
 * import static io.covet.sql.Sql.*;
 *
 * List<Row> rows = select(USERS.ID, USERS.EMAIL)
 *         .from(USERS)
 *         .where(USERS.EMAIL.endsWith("@example.com").and(USERS.ACTIVE.eq(true)))
 *         .orderBy(USERS.ID)
 *         .fetch(db);
 * }</pre>
 *
 * <p>Guarantees: every query object is immutable and thread-safe; every value is a bound parameter; every
 * identifier is validated and quoted by the engine's {@link io.covet.core.dialect.Dialect} when rendered; a
 * construct the engine lacks throws {@link io.covet.core.error.UnsupportedFeature} before anything is sent.
 */
public final class Sql {
    private Sql() {
    }

    /** {@code SELECT items}; no items selects {@code *}. */
    public static Select select(SelectItem... items) {
        return new Select(SelectModel.EMPTY.withItems(List.of(items)));
    }

    /** {@code SELECT DISTINCT items}. */
    public static Select selectDistinct(SelectItem... items) {
        return new Select(SelectModel.EMPTY.withItems(List.of(items)).withDistinct(true));
    }

    /** {@code INSERT INTO table}; the table must not be aliased. */
    public static Insert insertInto(Table table) {
        return Insert.into(Objects.requireNonNull(table, "table"));
    }

    /** {@code UPDATE table}. */
    public static Update update(Table table) {
        return Update.of(Objects.requireNonNull(table, "table"));
    }

    /** {@code DELETE FROM table}. */
    public static Delete deleteFrom(Table table) {
        return Delete.from(Objects.requireNonNull(table, "table"));
    }

    /** A common table expression named {@code name}; define it with {@link Cte#as(Select)}. */
    public static Cte cte(String name) {
        return new Cte(Objects.requireNonNull(name, "name"), null, null);
    }

    /** {@code WITH cte, …} before a statement. */
    public static With with(Cte... ctes) {
        return new With(new WithClause(false, List.of(ctes)));
    }

    /** {@code WITH RECURSIVE cte, …}: a CTE may select from itself (UNION ALL of an anchor and a recursive part). */
    public static With withRecursive(Cte... ctes) {
        return new With(new WithClause(true, List.of(ctes)));
    }

    /** A bound value typed by its class. For a NULL use {@link #val(Object, Class)}. */
    public static <T> Field<T> val(T value) {
        if (value == null) {
            throw new IllegalArgumentException("an untyped NULL cannot be bound; use Sql.val(null, Type.class)");
        }
        return Param.of(value);
    }

    /**
     * A bound value of an explicit type, NULL allowed. On PostgreSQL it renders {@code CAST(? AS type)}, which the
     * planner needs where it cannot infer a parameter's type (a select list, COALESCE of parameters, a NULL, the
     * anchor of a recursive CTE); other engines get a plain {@code ?}.
     */
    public static <T> Field<T> val(T value, Class<T> type) {
        return Param.typed(value, Objects.requireNonNull(type, "type"));
    }

    /** An unqualified column by name: the explicit raw form, e.g. for a CTE or an alias. */
    public static <T> Column<T> field(String name, Class<T> type) {
        return new ColumnImpl<>(null, name, type);
    }

    /** A column of {@code table} by name: the explicit raw form for tables without a class. */
    public static <T> Column<T> field(Table table, String name, Class<T> type) {
        return new ColumnImpl<>(Objects.requireNonNull(table, "table"), name, type);
    }

    /** A table by name, without typed columns: the explicit raw form. */
    public static Table table(String name) {
        return new NamedTable(null, name, null);
    }

    /** A table in a schema (PostgreSQL schema, MariaDB database, SQLite attached database). */
    public static Table table(String schema, String name) {
        return new NamedTable(Objects.requireNonNull(schema, "schema"), name, null);
    }

    /**
     * A raw SQL expression. Each {@code ?} takes the next argument: a {@link Field} or {@link Condition} is
     * rendered in its place, anything else is bound. The text is written as given, so it must never be built from
     * user input.
     *
     * @throws IllegalArgumentException when the number of {@code ?} and arguments differ
     */
    public static <T> Field<T> raw(String sql, Class<T> type, Object... args) {
        return Raw.of(Objects.requireNonNull(sql, "sql"), Objects.requireNonNull(type, "type"), args);
    }

    /** A raw SQL expression of unspecified type; see {@link #raw(String, Class, Object...)}. */
    public static Field<Object> raw(String sql, Object... args) {
        return Raw.of(Objects.requireNonNull(sql, "sql"), Object.class, args);
    }

    /** A raw SQL condition; see {@link #raw(String, Class, Object...)}. */
    public static Condition rawCondition(String sql, Object... args) {
        return Raw.of(Objects.requireNonNull(sql, "sql"), Boolean.class, args);
    }

    /** All conditions ({@code a AND b AND …}); none is {@link #noCondition()}. */
    public static Condition and(Condition... conditions) {
        return Logic.of(Logic.Op.AND, conditions);
    }

    /** Any condition ({@code a OR b OR …}); none is {@link #noCondition()}. */
    public static Condition or(Condition... conditions) {
        return Logic.of(Logic.Op.OR, conditions);
    }

    /** {@code NOT (condition)}. */
    public static Condition not(Condition condition) {
        return condition.not();
    }

    /** The neutral condition for building dynamically: it disappears when combined, and WHERE it alone is omitted. */
    public static Condition noCondition() {
        return NoCondition.INSTANCE;
    }

    /** Always true ({@code 1 = 1}). */
    public static Condition trueCondition() {
        return new BoolConst(true);
    }

    /** Always false ({@code 1 = 0}). */
    public static Condition falseCondition() {
        return new BoolConst(false);
    }

    /** {@code EXISTS (subquery)}. */
    public static Condition exists(Select subquery) {
        return new Exists(subquery, false);
    }

    /** {@code NOT EXISTS (subquery)}. */
    public static Condition notExists(Select subquery) {
        return new Exists(subquery, true);
    }

    /** {@code ANY (subquery)} for a quantified comparison; PostgreSQL and MariaDB. */
    public static <T> Quantified<T> any(Select subquery) {
        return new Quantified<>(false, subquery);
    }

    /** {@code ALL (subquery)} for a quantified comparison; PostgreSQL and MariaDB. */
    public static <T> Quantified<T> all(Select subquery) {
        return new Quantified<>(true, subquery);
    }

    /** A single-row, single-column subquery used as a value: {@code (SELECT …)}. */
    public static <T> Field<T> scalar(Select subquery, Class<T> type) {
        return new ScalarSubquery<>(Objects.requireNonNull(subquery, "subquery"), Objects.requireNonNull(type));
    }

    /** {@code CASE WHEN condition THEN ? …}; continue with {@link Case#when} and {@link Case#otherwise}. */
    @SuppressWarnings("unchecked")
    public static <T> Case<T> when(Condition condition, T value) {
        Objects.requireNonNull(value, "value (for a NULL branch use when(condition, Sql.val(null, Type.class)))");
        return when(condition, Param.of(value, (Class<T>) value.getClass()));
    }

    /** {@code CASE WHEN condition THEN expression …}. */
    public static <T> Case<T> when(Condition condition, Field<T> value) {
        return new CaseExpr<>(List.of(Objects.requireNonNull(condition, "condition")), List.of(value), null,
                value.type());
    }

    /**
     * In an upsert's update, the value the INSERT proposed for {@code column}: {@code EXCLUDED."c"} on PostgreSQL
     * and SQLite, {@code VALUES(`c`)} on MariaDB.
     */
    public static <T> Field<T> excluded(Column<T> column) {
        return new Excluded<>(Objects.requireNonNull(column, "column"));
    }
}
