package io.covet.sql;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;

import java.util.List;

/**
 * A DELETE. Immutable: every method returns a new statement. Start with {@link Sql#deleteFrom(Table)}; without a
 * {@link #where} it deletes every row.
 */
public final class Delete implements Query {
    final DeleteModel m;

    Delete(DeleteModel m) {
        this.m = m;
    }

    static Delete from(Table table) {
        return new Delete(new DeleteModel(null, table, NoCondition.INSTANCE, List.of()));
    }

    /** Adds a WHERE condition; several calls are combined with AND. */
    public Delete where(Condition condition) {
        return new Delete(new DeleteModel(m.with(), m.table(), m.where().and(condition), m.returning()));
    }

    /**
     * {@code RETURNING items}: run with {@link #fetch} to get the deleted rows. PostgreSQL, SQLite 3.35+, MariaDB
     * 10.5+.
     */
    @Supports({Engine.POSTGRESQL, Engine.MARIADB, Engine.SQLITE})
    public Delete returning(SelectItem... items) {
        return new Delete(new DeleteModel(m.with(), m.table(), m.where(), List.of(items)));
    }

    Delete with(WithClause with) {
        return new Delete(new DeleteModel(with, m.table(), m.where(), m.returning()));
    }

    @Override
    public RenderedSql render(Dialect dialect) {
        return RenderCache.render(m, dialect);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delete d && d.m.equals(m);
    }

    @Override
    public int hashCode() {
        return m.hashCode();
    }

    @Override
    public String toString() {
        return "Delete from " + m.table();
    }
}
