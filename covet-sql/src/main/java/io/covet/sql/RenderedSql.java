package io.covet.sql;

import java.util.List;
import java.util.Objects;

/**
 * A rendered statement: SQL text with {@code ?} placeholders and the values to bind, in placeholder order.
 * Immutable. {@link #toString()} shows the text and the number of parameters, never their values (which may be
 * secrets).
 */
public final class RenderedSql {
    private final String sql;
    private final List<Object> params;
    private final List<String> tables;

    RenderedSql(String sql, List<Object> params) {
        this(sql, params, List.of());
    }

    RenderedSql(String sql, List<Object> params, List<String> tables) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.params = params;
        this.tables = tables;
    }

    /**
     * The named tables the statement reads or writes ({@code schema.name} when qualified), in the order they
     * appear; derived tables and CTE names are not included. Unmodifiable. Handed to the runtime's interceptors.
     */
    public List<String> tables() {
        return tables;
    }

    /** The SQL text; every value is a {@code ?}. */
    public String sql() {
        return sql;
    }

    /** The values to bind, in placeholder order; unmodifiable, may contain nulls. */
    public List<Object> params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedSql r && r.sql.equals(sql) && r.params.equals(params);
    }

    @Override
    public int hashCode() {
        return sql.hashCode() * 31 + params.hashCode();
    }

    @Override
    public String toString() {
        return sql + " [" + params.size() + " parameter(s)]";
    }
}
