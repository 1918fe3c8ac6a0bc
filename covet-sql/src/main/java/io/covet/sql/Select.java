package io.covet.sql;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A SELECT, or a set operation of SELECTs. Immutable: every method returns a new query. Start with
 * {@link Sql#select(SelectItem...)}.
 *
 * <pre>{@code
 * Users u = USERS.as("u");
 * Select q = Sql.select(u.ID, u.EMAIL)
 *         .from(u)
 *         .join(ORDERS, ORDERS.USER_ID.eq(u.ID))
 *         .where(u.COUNTRY.eq("NO"))
 *         .orderBy(u.ID.desc())
 *         .limit(20);
 * List<Row> rows = q.fetch(db);
 * }</pre>
 */
public final class Select implements Query {
    final SelectModel m;

    Select(SelectModel m) {
        this.m = m;
    }

    private SelectModel simple(String what) {
        if (m.compound() != null) {
            throw new IllegalStateException("cannot add " + what + " to a UNION/INTERSECT/EXCEPT: add it to the "
                    + "operands, or wrap the set operation with asTable(alias) and select from that");
        }
        return m;
    }

    /** Adds tables to the FROM clause (several are a cross product; prefer joins). */
    public Select from(Table... tables) {
        return new Select(simple("FROM").withFrom(append(m.from(), Arrays.asList(tables))));
    }

    /** {@code JOIN table ON condition} (inner join). */
    public Select join(Table table, Condition on) {
        return join(Join.Kind.INNER, table, on);
    }

    /** {@code LEFT JOIN table ON condition}. */
    public Select leftJoin(Table table, Condition on) {
        return join(Join.Kind.LEFT, table, on);
    }

    /** {@code RIGHT JOIN table ON condition}; SQLite before 3.39 refuses it (swap the tables, LEFT JOIN). */
    public Select rightJoin(Table table, Condition on) {
        return join(Join.Kind.RIGHT, table, on);
    }

    /**
     * {@code FULL JOIN table ON condition}. PostgreSQL and SQLite 3.39+; MariaDB has no FULL JOIN and rendering
     * throws {@link io.covet.core.error.UnsupportedFeature} naming the LEFT/RIGHT JOIN UNION alternative.
     */
    @Supports(value = {Engine.POSTGRESQL, Engine.SQLITE}, note = "SQLite 3.39+")
    public Select fullJoin(Table table, Condition on) {
        return join(Join.Kind.FULL, table, on);
    }

    /** {@code CROSS JOIN table}. */
    public Select crossJoin(Table table) {
        return addJoin(new Join(Join.Kind.CROSS, Objects.requireNonNull(table, "table"), null, List.of()));
    }

    /** {@code JOIN table USING (columns)}: the columns are named once and must exist on both sides. */
    public Select joinUsing(Table table, Column<?>... using) {
        return using(Join.Kind.INNER, table, using);
    }

    /** {@code LEFT JOIN table USING (columns)}. */
    public Select leftJoinUsing(Table table, Column<?>... using) {
        return using(Join.Kind.LEFT, table, using);
    }

    private Select using(Join.Kind kind, Table table, Column<?>... using) {
        if (using.length == 0) {
            throw new IllegalArgumentException("USING needs at least one column");
        }
        return addJoin(new Join(kind, Objects.requireNonNull(table, "table"), null, List.of(using)));
    }

    private Select join(Join.Kind kind, Table table, Condition on) {
        return addJoin(new Join(kind, Objects.requireNonNull(table, "table"), Objects.requireNonNull(on, "on"),
                List.of()));
    }

    private Select addJoin(Join join) {
        if (simple("JOIN").from().isEmpty()) {
            throw new IllegalStateException("call from(table) before joining " + join.table());
        }
        return new Select(m.withJoins(append(m.joins(), List.of(join))));
    }

    /** Adds a WHERE condition; several calls are combined with AND. */
    public Select where(Condition condition) {
        return new Select(simple("WHERE").withWhere(m.where().and(condition)));
    }

    /** {@code GROUP BY fields}; an aliased field is grouped by its alias. */
    public Select groupBy(Field<?>... fields) {
        return new Select(simple("GROUP BY").withGroupBy(append(m.groupBy(), Arrays.asList(fields))));
    }

    /** Adds a HAVING condition; several calls are combined with AND. */
    public Select having(Condition condition) {
        return new Select(simple("HAVING").withHaving(m.having().and(condition)));
    }

    /**
     * {@code SELECT DISTINCT ON (fields)}: the first row of each group, by ORDER BY. PostgreSQL only; elsewhere
     * rendering throws {@link io.covet.core.error.UnsupportedFeature} naming the ROW_NUMBER() alternative.
     */
    @Supports(Engine.POSTGRESQL)
    public Select distinctOn(Field<?>... fields) {
        return new Select(simple("DISTINCT ON").withDistinctOn(List.of(fields)));
    }

    /** Declares named windows: {@code WINDOW "w" AS (…)}, referenced by {@code over(w)}. */
    public Select window(WindowSpec... windows) {
        for (WindowSpec w : windows) {
            if (w.name == null) {
                throw new IllegalArgumentException("only named windows can be declared: use Windows.named(\"w\")");
            }
        }
        return new Select(simple("WINDOW").withWindows(append(m.windows(), Arrays.asList(windows))));
    }

    /** {@code ORDER BY}; a plain field sorts ascending. Replaces any previous ordering. */
    public Select orderBy(OrderField... fields) {
        List<SortField> order = new ArrayList<>(fields.length);
        for (OrderField f : fields) {
            order.add(SortField.of(Objects.requireNonNull(f, "order field")));
        }
        return new Select(m.withOrderBy(List.copyOf(order)).withSeek(List.of()));
    }

    /** {@code LIMIT ?}: at most {@code rows} rows (bound, so every page shares one rendered text). */
    public Select limit(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + rows);
        }
        return new Select(m.withLimit(Param.of(rows, Long.class)));
    }

    /** {@code OFFSET ?}: skip {@code rows} rows. For deep pages prefer {@link #seekAfter(Object...)}. */
    public Select offset(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + rows);
        }
        return new Select(m.withOffset(Param.of(rows, Long.class)));
    }

    /**
     * Keyset ("seek") pagination: only rows after {@code values} in the ORDER BY, one value per ORDER BY field.
     * Renders {@code (a, b) > (?, ?)} (or {@code <} when descending) ANDed with the WHERE, or an expanded
     * OR-chain when directions are mixed. The ORDER BY fields should be unique together and NOT NULL.
     *
     * @throws IllegalStateException    without an ORDER BY
     * @throws IllegalArgumentException for a wrong number of values or a null value
     */
    public Select seekAfter(Object... values) {
        List<SortField> order = simple("a seek condition").orderBy();
        if (order.isEmpty()) {
            throw new IllegalStateException("seekAfter needs an orderBy(…) first: the seek follows the ORDER BY");
        }
        if (values.length != order.size()) {
            throw new IllegalArgumentException("seekAfter needs one value per ORDER BY field: " + order.size()
                    + " field(s), " + values.length + " value(s)");
        }
        List<Field<?>> params = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException("seek value " + (i + 1) + " is null; seek on NOT NULL columns");
            }
            params.add(param(values[i], order.get(i).field.type()));
        }
        return new Select(m.withSeek(List.copyOf(params)));
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> param(Object value, Class<T> type) {
        return Param.of((T) value, type);
    }

    /** {@code FOR UPDATE}: lock the selected rows. PostgreSQL and MariaDB; SQLite refuses it. */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    public Select forUpdate() {
        return lock(false);
    }

    /**
     * A shared row lock: {@code FOR SHARE} on PostgreSQL, {@code LOCK IN SHARE MODE} on MariaDB; SQLite refuses
     * it.
     */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    public Select forShare() {
        return lock(true);
    }

    private Select lock(boolean share) {
        return new Select(simple("a row lock").withLock(new Lock(share, Lock.Wait.WAIT)));
    }

    /** Fail at once instead of waiting for locked rows ({@code NOWAIT}); after forUpdate()/forShare(). */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    public Select noWait() {
        return new Select(m.withLock(new Lock(lockOrFail().share(), Lock.Wait.NOWAIT, lockOrFail().of())));
    }

    /** Leave out locked rows ({@code SKIP LOCKED}, MariaDB 10.6+); after forUpdate()/forShare(). */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB})
    public Select skipLocked() {
        return new Select(m.withLock(new Lock(lockOrFail().share(), Lock.Wait.SKIP_LOCKED, lockOrFail().of())));
    }

    /**
     * Locks only the rows of {@code tables} (by alias when aliased), {@code FOR UPDATE OF …}; after
     * forUpdate()/forShare(). PostgreSQL (and MySQL 8); MariaDB and SQLite refuse it with {@code UnsupportedFeature}.
     */
    @Supports({Engine.POSTGRESQL})
    public Select lockOf(Table... tables) {
        if (tables.length == 0) {
            throw new IllegalArgumentException("lockOf needs at least one table");
        }
        Lock l = lockOrFail();
        return new Select(m.withLock(new Lock(l.share(), l.waitPolicy(), List.of(tables))));
    }

    private Lock lockOrFail() {
        if (m.lock() == null) {
            throw new IllegalStateException("call forUpdate() or forShare() before noWait()/skipLocked()");
        }
        return m.lock();
    }

    /** {@code this UNION other}: distinct rows of both. */
    public Select union(Select other) {
        return compound(Compound.Op.UNION, other);
    }

    /** {@code this UNION ALL other}: all rows of both. */
    public Select unionAll(Select other) {
        return compound(Compound.Op.UNION_ALL, other);
    }

    /** {@code this INTERSECT other}: distinct rows in both. */
    public Select intersect(Select other) {
        return compound(Compound.Op.INTERSECT, other);
    }

    /** {@code this EXCEPT other}: distinct rows of this that are not in other. */
    public Select except(Select other) {
        return compound(Compound.Op.EXCEPT, other);
    }

    private Select compound(Compound.Op op, Select other) {
        if (m.lock() != null || other.m.lock() != null) {
            throw new IllegalStateException("row locks are not allowed in set operations; lock in a separate query");
        }
        return new Select(SelectModel.EMPTY.withCompound(new Compound(m, op, Objects.requireNonNull(other).m)));
    }

    /** This query as a derived table {@code (SELECT …) AS "alias"}, to select from or join. */
    public DerivedTable asTable(String alias) {
        return new DerivedTable(this, Objects.requireNonNull(alias, "alias"), false);
    }

    /** This query with a WITH clause in front (set by {@link Sql#with}). */
    Select with(WithClause with) {
        return new Select(m.withWith(with));
    }

    @Override
    public RenderedSql render(Dialect dialect) {
        return RenderCache.render(m, dialect);
    }

    /** Writes {@code (SELECT …)} for use as a subquery. */
    void renderNested(Ctx ctx) {
        ctx.sql('(').visit(m).sql(')');
    }

    Select stripValues() {
        SelectModel s = (SelectModel) Shapes.strip(m);
        return s == m ? this : new Select(s);
    }

    static <E> List<E> append(List<E> list, List<? extends E> more) {
        if (list.isEmpty()) {
            return List.copyOf(more);
        }
        List<E> out = new ArrayList<>(list.size() + more.size());
        out.addAll(list);
        out.addAll(more);
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Select s && s.m.equals(m);
    }

    @Override
    public int hashCode() {
        return m.hashCode();
    }

    @Override
    public String toString() {
        return "Select" + m.items();
    }
}
