package io.covet.schema;

import java.util.Objects;

/**
 * A column: name, portable type, nullability, default, and whether the database assigns its value
 * (auto-increment / identity). Immutable; the {@code with…} methods return copies.
 */
public record Column(String name, ColumnType type, boolean nullable, ColumnDefault defaultValue,
                     boolean autoIncrement) {
    /** Requires a name and a type. */
    public Column {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, "type of column " + name);
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
        return new Column(n, type, nullable, defaultValue, autoIncrement);
    }

    /** This column with another type. */
    public Column withType(ColumnType t) {
        return new Column(name, t, nullable, defaultValue, autoIncrement);
    }

    /** This column with another nullability. */
    public Column withNullable(boolean n) {
        return new Column(name, type, n, defaultValue, autoIncrement);
    }

    /** This column with another default (null for none). */
    public Column withDefault(ColumnDefault d) {
        return new Column(name, type, nullable, d, autoIncrement);
    }

    /** This column with the database assigning its values, or not. */
    public Column withAutoIncrement(boolean a) {
        return new Column(name, type, nullable, defaultValue, a);
    }

    /** Same definition apart from the name (rename detection). */
    public boolean sameDefinition(Column other) {
        return withName(other.name).equals(other);
    }
}
