package io.covet.sql;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An INSERT: one or many rows of values, the rows of a SELECT, or default values; optionally an upsert clause and
 * RETURNING. Immutable: every method returns a new statement. Start with {@link Sql#insertInto(Table)}.
 *
 * <pre>{@code
 * Sql.insertInto(USERS).columns(USERS.EMAIL, USERS.NAME)
 *    .values("ada@example.com", "Ada")
 *    .values("alan@example.com", "Alan")
 *    .onConflict(USERS.EMAIL).doUpdate(USERS.NAME.set(Sql.excluded(USERS.NAME)))
 *    .execute(db);
 * }</pre>
 */
public final class Insert implements Query {
    final InsertModel m;

    Insert(InsertModel m) {
        this.m = m;
    }

    static Insert into(Table table) {
        if (table.alias() != null || !table.plain()) {
            throw new IllegalArgumentException("insert into the table itself, not an alias or derived table: "
                    + table);
        }
        return new Insert(new InsertModel(null, table, List.of(), List.of(), null, false, null, List.of()));
    }

    /** The columns the values fill, in order. */
    public Insert columns(Column<?>... columns) {
        if (!m.rows().isEmpty()) {
            throw new IllegalStateException("declare the columns before adding values");
        }
        for (Column<?> c : columns) {
            checkOwn(c);
        }
        return new Insert(new InsertModel(m.with(), m.table(), List.of(columns), m.rows(), m.select(),
                m.defaultValues(), m.conflict(), m.returning()));
    }

    /**
     * Adds a row: one value per column, bound and typed by its column. A value that is a {@link Field} (a function
     * call, {@link Sql#raw}, a subquery) is written as that expression instead.
     *
     * @throws IllegalArgumentException when the count does not match the columns
     */
    public Insert values(Object... values) {
        List<Column<?>> cols = m.columns();
        if (cols.isEmpty()) {
            throw new IllegalStateException("call columns(…) before values(…)");
        }
        if (values.length != cols.size()) {
            throw new IllegalArgumentException(cols.size() + " column(s) but " + values.length
                    + " value(s) in row " + (m.rows().size() + 1));
        }
        List<Field<?>> row = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            row.add(value(cols.get(i), values[i]));
        }
        return withRows(Select.append(m.rows(), List.of(List.copyOf(row))));
    }

    /**
     * Sets one column of a single-row insert: {@code insertInto(T).set(T.A, 1).set(T.B, "x")}. Cannot be mixed
     * with {@link #values(Object...)}.
     */
    public <T> Insert set(Column<T> column, T value) {
        return set(column, Param.of(value, column.type()));
    }

    /** Sets one column of a single-row insert to an expression. */
    public <T> Insert set(Column<T> column, Field<T> value) {
        checkOwn(column);
        if (m.rows().size() > 1 || (m.rows().isEmpty() && !m.columns().isEmpty())) {
            throw new IllegalStateException("set(…) builds a single row; it cannot be mixed with columns/values");
        }
        List<Column<?>> cols = Select.append(m.columns(), List.of(column));
        List<Field<?>> row = Select.append(m.rows().isEmpty() ? List.of() : m.rows().get(0),
                List.of(Objects.requireNonNull(value, "value")));
        return new Insert(new InsertModel(m.with(), m.table(), cols, List.of(row), m.select(), m.defaultValues(),
                m.conflict(), m.returning()));
    }

    /** {@code INSERT … SELECT}: inserts the rows of {@code query} (its columns in the order of {@link #columns}). */
    public Insert select(Select query) {
        if (!m.rows().isEmpty()) {
            throw new IllegalStateException("an INSERT has either values or a SELECT, not both");
        }
        return new Insert(new InsertModel(m.with(), m.table(), m.columns(), List.of(), query.m, false, m.conflict(),
                m.returning()));
    }

    /** One row of default values: {@code DEFAULT VALUES}, or {@code VALUES ()} on MariaDB. */
    public Insert defaultValues() {
        return new Insert(new InsertModel(m.with(), m.table(), List.of(), List.of(), null, true, m.conflict(),
                m.returning()));
    }

    /**
     * Starts the upsert clause for a conflict on the unique key {@code keys}. PostgreSQL and SQLite need the
     * key columns of a unique index or constraint; MariaDB reacts to any unique key.
     */
    public OnConflict onConflict(Column<?>... keys) {
        return new OnConflict(this, List.of(keys));
    }

    /** Skips rows that would violate a unique key: {@code ON CONFLICT DO NOTHING}. */
    public Insert onConflictDoNothing() {
        return new OnConflict(this, List.of()).doNothing();
    }

    Insert withConflict(Conflict conflict) {
        return new Insert(new InsertModel(m.with(), m.table(), m.columns(), m.rows(), m.select(), m.defaultValues(),
                conflict, m.returning()));
    }

    /**
     * {@code RETURNING items}: run with {@link #fetch} to get the inserted rows. PostgreSQL, SQLite 3.35+ and
     * MariaDB 10.5+.
     */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB, Engine.SQLITE})
    public Insert returning(SelectItem... items) {
        return new Insert(new InsertModel(m.with(), m.table(), m.columns(), m.rows(), m.select(), m.defaultValues(),
                m.conflict(), List.of(items)));
    }

    Insert with(WithClause with) {
        return new Insert(new InsertModel(with, m.table(), m.columns(), m.rows(), m.select(), m.defaultValues(),
                m.conflict(), m.returning()));
    }

    private Insert withRows(List<List<Field<?>>> rows) {
        return new Insert(new InsertModel(m.with(), m.table(), m.columns(), rows, m.select(), m.defaultValues(),
                m.conflict(), m.returning()));
    }

    private void checkOwn(Column<?> c) {
        if (!m.table().equals(c.table())) {
            throw new IllegalArgumentException("column " + c + " is not a column of " + m.table());
        }
    }

    @SuppressWarnings("unchecked")
    private static Field<?> value(Column<?> column, Object value) {
        if (value instanceof Field<?> f) {
            return f;
        }
        if (value != null && !((Class<Object>) column.type()).isInstance(value)
                && !(value instanceof Number && Number.class.isAssignableFrom(column.type()))) {
            throw new IllegalArgumentException("column " + column.name() + " holds " + column.type().getSimpleName()
                    + " but the value is a " + value.getClass().getSimpleName());
        }
        return Param.of(value == null ? null : ColumnImpl.bound((Column<Object>) column, value),
                (Class<Object>) column.type());
    }

    @Override
    public RenderedSql render(Dialect dialect) {
        return RenderCache.render(m, dialect);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Insert i && i.m.equals(m);
    }

    @Override
    public int hashCode() {
        return m.hashCode();
    }

    @Override
    public String toString() {
        return "Insert into " + m.table();
    }
}
