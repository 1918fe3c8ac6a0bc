package io.covet.sql;

import java.util.Objects;

/**
 * A typed column of a {@link Table}. Obtained from a table class ({@code USERS.EMAIL}) or, as the explicit raw
 * form, from {@link Sql#field(Table, String, Class)}. Renders qualified by its table's alias or name
 * ({@code "u"."email"}); the name is validated and quoted for the engine when rendered.
 *
 * @param <T> the Java type of the column's values
 */
public sealed interface Column<T> extends Field<T> permits ColumnImpl {
    /** The table (or table alias) this column belongs to; null for an unqualified column. */
    Table table();

    /** The column name, unquoted. */
    String name();

    /** An assignment {@code column = ?} for UPDATE SET, INSERT … SET and upsert updates. */
    default Assignment set(T value) {
        return new Assignment(this, Param.of(value == null ? null : ColumnImpl.bound(this, value), type()));
    }

    /**
     * PostgreSQL array containment: every element of {@code values} is in this array column ({@code col @> ?}).
     * Other engines have no arrays: the query is refused with {@link io.covet.core.error.UnsupportedFeature} when
     * rendered.
     */
    default Condition arrayContains(T values) {
        return new ArrayCompare(this, "@>", Param.of(ColumnImpl.bound(this, Objects.requireNonNull(values, "values")), type()));
    }

    /** PostgreSQL: this array column is contained in {@code values} ({@code col <@ ?}); elsewhere refused. */
    default Condition arrayContainedBy(T values) {
        return new ArrayCompare(this, "<@", Param.of(ColumnImpl.bound(this, Objects.requireNonNull(values, "values")), type()));
    }

    /** PostgreSQL: this array column shares at least one element with {@code values} ({@code col && ?}); elsewhere refused. */
    default Condition arrayOverlaps(T values) {
        return new ArrayCompare(this, "&&", Param.of(ColumnImpl.bound(this, Objects.requireNonNull(values, "values")), type()));
    }

    /** An assignment {@code column = expression}. */
    default Assignment set(Field<T> value) {
        return new Assignment(this, value);
    }
}
