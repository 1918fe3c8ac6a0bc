package io.covet.sql;

/**
 * A WITH clause waiting for its statement: {@code Sql.with(a, b).select(…)}. On PostgreSQL and SQLite it can lead
 * any statement; MariaDB takes it only before SELECT and in INSERT … SELECT, and refuses WITH … UPDATE/DELETE
 * with {@link io.covet.core.error.UnsupportedFeature}. Immutable.
 */
public final class With {
    private final WithClause clause;

    With(WithClause clause) {
        this.clause = clause;
    }

    /** {@code WITH … SELECT items}. */
    public Select select(SelectItem... items) {
        return Sql.select(items).with(clause);
    }

    /** {@code WITH … SELECT DISTINCT items}. */
    public Select selectDistinct(SelectItem... items) {
        return Sql.selectDistinct(items).with(clause);
    }

    /** {@code WITH … INSERT INTO table}; on MariaDB only with {@link Insert#select(Select)}. */
    public Insert insertInto(Table table) {
        return Insert.into(table).with(clause);
    }

    /** {@code WITH … UPDATE table}; PostgreSQL and SQLite. */
    @Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.SQLITE})
    public Update update(Table table) {
        return Update.of(table).with(clause);
    }

    /** {@code WITH … DELETE FROM table}; PostgreSQL and SQLite. */
    @Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.SQLITE})
    public Delete deleteFrom(Table table) {
        return Delete.from(table).with(clause);
    }
}
