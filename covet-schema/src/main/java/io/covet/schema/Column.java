package io.covet.schema;

import java.util.Objects;

/**
 * A column: name, portable type, nullability, default, whether the database assigns its value
 * (auto-increment / identity), and the expression of a generated column. Immutable; the {@code with…} methods
 * return copies.
 *
 * @param generated the column's generation ({@code GENERATED ALWAYS AS (…)}), or null for a column that holds
 *                  written values
 */
public record Column(String name, ColumnType type, boolean nullable, ColumnDefault defaultValue,
                     boolean autoIncrement, Generated generated) {
    /** Requires a name and a type. */
    public Column {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, "type of column " + name);
    }

    /** A column that is not generated. */
    public Column(String name, ColumnType type, boolean nullable, ColumnDefault defaultValue, boolean autoIncrement) {
        this(name, type, nullable, defaultValue, autoIncrement, null);
    }

    /**
     * How the database computes a generated column: a raw SQL expression over other columns of the row, stored
     * (computed on write, kept on disk) or virtual (computed on read).
     *
     * @param expression the SQL expression, without the enclosing parentheses
     * @param stored     true for STORED (PERSISTENT on MariaDB), false for VIRTUAL
     */
    public record Generated(String expression, boolean stored) {
        /** Requires a non-blank expression. */
        public Generated {
            Objects.requireNonNull(expression, "generation expression");
            if (expression.isBlank()) {
                throw new IllegalArgumentException("a generated column needs an expression");
            }
            expression = expression.strip();
        }
    }

    /** This column computed by the database from {@code g}, or a plain column when {@code g} is null. */
    public Column withGenerated(Generated g) {
        return new Column(name, type, nullable, defaultValue, autoIncrement, g);
    }

    /** A NOT NULL column without default. */
    public static Column of(String name, ColumnType type) {
        return new Column(name, type, false, null, false);
    }

    /** A nullable column without default. */
    public static Column nullable(String name, ColumnType type) {
        return new Column(name, type, true, null, false);
    }

    /** An auto-increment (identity) column. */
    public static Column autoIncrement(String name, ColumnType type) {
        return new Column(name, type, false, null, true);
    }

    /** This column under another name. */
    public Column withName(String n) {
        return new Column(n, type, nullable, defaultValue, autoIncrement, generated);
    }

    /** This column with another type. */
    public Column withType(ColumnType t) {
        return new Column(name, t, nullable, defaultValue, autoIncrement, generated);
    }

    /** This column with another nullability. */
    public Column withNullable(boolean n) {
        return new Column(name, type, n, defaultValue, autoIncrement, generated);
    }

    /** This column with another default (null for none). */
    public Column withDefault(ColumnDefault d) {
        return new Column(name, type, nullable, d, autoIncrement, generated);
    }

    /** This column with the database assigning its values, or not. */
    public Column withAutoIncrement(boolean a) {
        return new Column(name, type, nullable, defaultValue, a, generated);
    }

    /** Same definition apart from the name (rename detection). */
    public boolean sameDefinition(Column other) {
        return withName(other.name).equals(other);
    }
}
