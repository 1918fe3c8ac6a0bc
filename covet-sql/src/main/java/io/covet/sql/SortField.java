package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.Objects;

/**
 * A field with a sort direction and, optionally, where NULLs go. Immutable.
 *
 * <p>NULLS FIRST/LAST is native on PostgreSQL and SQLite and emulated on MariaDB with a leading
 * {@code x IS NULL} sort key. Without it each engine uses its default: NULLs sort as the largest value on
 * PostgreSQL and as the smallest on MariaDB and SQLite.
 */
public final class SortField implements OrderField {
    enum Nulls { DEFAULT, FIRST, LAST }

    final Field<?> field;
    final boolean descending;
    final Nulls nulls;

    SortField(Field<?> field, boolean descending, Nulls nulls) {
        this.field = Objects.requireNonNull(field, "field");
        this.descending = descending;
        this.nulls = nulls;
    }

    /** This ordering with NULLs before every value. */
    public SortField nullsFirst() {
        return new SortField(field, descending, Nulls.FIRST);
    }

    /** This ordering with NULLs after every value. */
    public SortField nullsLast() {
        return new SortField(field, descending, Nulls.LAST);
    }

    /** Whether the order is descending. */
    public boolean descending() {
        return descending;
    }

    /** The field sorted on. */
    public Field<?> field() {
        return field;
    }

    static SortField of(OrderField f) {
        return f instanceof SortField s ? s : new SortField((Field<?>) f, false, Nulls.DEFAULT);
    }

    void render(Ctx ctx) {
        if (nulls != Nulls.DEFAULT && ctx.family() == Engine.MARIADB) {
            Clause outer = ctx.clause(Clause.OTHER);
            ctx.visit(field).sql(nulls == Nulls.FIRST ? " IS NOT NULL, " : " IS NULL, ");
            ctx.clause(outer);
            ctx.visit(field).sql(descending ? " DESC" : " ASC");
            return;
        }
        ctx.visit(field).sql(descending ? " DESC" : " ASC");
        if (nulls != Nulls.DEFAULT) {
            ctx.sql(nulls == Nulls.FIRST ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SortField s && s.descending == descending && s.nulls == nulls && s.field.equals(field);
    }

    @Override
    public int hashCode() {
        return (field.hashCode() * 31 + (descending ? 1 : 0)) * 31 + nulls.hashCode();
    }

    @Override
    public String toString() {
        return field + (descending ? " DESC" : " ASC");
    }
}
