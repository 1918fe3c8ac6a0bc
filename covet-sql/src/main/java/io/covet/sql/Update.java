package io.covet.sql;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;

import java.util.List;

/**
 * An UPDATE. Immutable: every method returns a new statement. Start with {@link Sql#update(Table)}; without a
 * {@link #where} it updates every row.
 *
 * <pre>{@code
 * int changed = Sql.update(USERS).set(USERS.NAME, "Ada L.").where(USERS.ID.eq(1L)).execute(db);
 * }</pre>
 */
public final class Update implements Query {
    final UpdateModel m;

    Update(UpdateModel m) {
        this.m = m;
    }

    static Update of(Table table) {
        return new Update(new UpdateModel(null, table, List.of(), NoCondition.INSTANCE, List.of()));
    }

    /** {@code SET column = ?}; a null value sets NULL. */
    public <T> Update set(Column<T> column, T value) {
        return set(column.set(value));
    }

    /** {@code SET column = expression}. */
    public <T> Update set(Column<T> column, Field<T> value) {
        return set(column.set(value));
    }

    /** Adds assignments made with {@link Column#set(Object)}. */
    public Update set(Assignment... assignments) {
        return new Update(new UpdateModel(m.with(), m.table(), Select.append(m.sets(), List.of(assignments)),
                m.where(), m.returning()));
    }

    /** Adds a WHERE condition; several calls are combined with AND. */
    public Update where(Condition condition) {
        return new Update(new UpdateModel(m.with(), m.table(), m.sets(), m.where().and(condition), m.returning()));
    }

    /**
     * {@code RETURNING items}: run with {@link #fetch} to get the updated rows. PostgreSQL and SQLite 3.35+;
     * MariaDB has no UPDATE … RETURNING and rendering throws {@link io.covet.core.error.UnsupportedFeature}.
     */
    @Supports({Engine.POSTGRESQL, Engine.SQLITE})
    public Update returning(SelectItem... items) {
        return new Update(new UpdateModel(m.with(), m.table(), m.sets(), m.where(), List.of(items)));
    }

    Update with(WithClause with) {
        return new Update(new UpdateModel(with, m.table(), m.sets(), m.where(), m.returning()));
    }

    @Override
    public RenderedSql render(Dialect dialect) {
        return RenderCache.render(m, dialect);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Update u && u.m.equals(m);
    }

    @Override
    public int hashCode() {
        return m.hashCode();
    }

    @Override
    public String toString() {
        return "Update " + m.table();
    }
}
