package io.covet.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A table: ordered columns, primary key, unique and check constraints, indexes and foreign keys, and its
 * {@link Partitioning} ({@code null} when the table is not partitioned). Immutable; the
 * {@code with…}/{@code without…} methods return copies and refuse nonsense (a duplicate column, a key on a
 * column that does not exist) with an {@link IllegalArgumentException} naming the table.
 */
public record Table(String name, List<Column> columns, List<String> primaryKey, List<UniqueConstraint> uniques,
                    List<CheckConstraint> checks, List<Index> indexes, List<ForeignKey> foreignKeys,
                    Partitioning partitioning) {
    /** Copies every list and checks that names are unique and every key or index column exists. */
    public Table {
        Objects.requireNonNull(name, "table name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniques = List.copyOf(uniques);
        checks = List.copyOf(checks);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            if (names.contains(c.name())) {
                throw new IllegalArgumentException("table " + name + " has two columns named " + c.name());
            }
            names.add(c.name());
        }
        List<String> used = new ArrayList<>(primaryKey);
        uniques.forEach(u -> used.addAll(u.columns()));
        indexes.forEach(i -> used.addAll(i.columns()));
        foreignKeys.forEach(f -> used.addAll(f.columns()));
        if (partitioning != null) {
            used.addAll(partitioning.columns());
        }
        for (String u : used) {
            if (!names.contains(u)) {
                throw new IllegalArgumentException("table " + name + " has no column " + u
                        + " but a key or index uses it");
            }
        }
    }

    /** A table that is not partitioned. */
    public Table(String name, List<Column> columns, List<String> primaryKey, List<UniqueConstraint> uniques,
                 List<CheckConstraint> checks, List<Index> indexes, List<ForeignKey> foreignKeys) {
        this(name, columns, primaryKey, uniques, checks, indexes, foreignKeys, null);
    }

    /** This table split into partitions as {@code p} says, or not partitioned when {@code p} is null. */
    public Table withPartitioning(Partitioning p) {
        return new Table(name, columns, primaryKey, uniques, checks, indexes, foreignKeys, p);
    }

    /** A table with columns and a primary key, and nothing else yet. */
    public static Table of(String name, List<Column> columns, List<String> primaryKey) {
        return new Table(name, columns, primaryKey, List.of(), List.of(), List.of(), List.of());
    }

    /** The column of that name. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The column of that name, or an error naming the table. */
    public Column requireColumn(String columnName) {
        return column(columnName).orElseThrow(() -> new IllegalArgumentException("table " + name
                + " has no column " + columnName));
    }

    /** The names of the columns, in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** This table under another name. */
    public Table withName(String newName) {
        return new Table(newName, columns, primaryKey, uniques, checks, indexes, foreignKeys, partitioning);
    }

    /** Adds the column at the end, or replaces the column of the same name in place. */
    public Table withColumn(Column column) {
        List<Column> cs = new ArrayList<>(columns);
        int at = columnNames().indexOf(column.name());
        if (at >= 0) {
            cs.set(at, column);
        } else {
            cs.add(column);
        }
        return new Table(name, cs, primaryKey, uniques, checks, indexes, foreignKeys, partitioning);
    }

    /** Removes a column with the indexes, unique constraints and foreign keys that use it. */
    public Table withoutColumn(String columnName) {
        requireColumn(columnName);
        if (primaryKey.contains(columnName)) {
            throw new IllegalArgumentException("column " + name + "." + columnName
                    + " is part of the primary key and cannot be removed");
        }
        return new Table(name, columns.stream().filter(c -> !c.name().equals(columnName)).toList(), primaryKey,
                uniques.stream().filter(u -> !u.columns().contains(columnName)).toList(), checks,
                indexes.stream().filter(i -> !i.columns().contains(columnName)).toList(),
                foreignKeys.stream().filter(f -> !f.columns().contains(columnName)).toList(), partitioning);
    }

    /** Renames a column everywhere this table names it (keys, indexes); check expressions are left as written. */
    public Table withColumnRenamed(String from, String to) {
        Column c = requireColumn(from);
        if (column(to).isPresent()) {
            throw new IllegalArgumentException("table " + name + " already has a column " + to);
        }
        UnaryOperator<List<String>> r = l -> l.stream().map(x -> x.equals(from) ? to : x).toList();
        List<Column> cs = columns.stream().map(x -> x == c ? c.withName(to) : x).toList();
        return new Table(name, cs, r.apply(primaryKey),
                uniques.stream().map(u -> new UniqueConstraint(u.name(), r.apply(u.columns()))).toList(), checks,
                indexes.stream().map(i -> new Index(i.name(), r.apply(i.columns()), i.unique(), i.where())).toList(),
                foreignKeys.stream().map(f -> new ForeignKey(f.name(), r.apply(f.columns()), f.refTable(),
                        f.refColumns(), f.onDelete())).toList(),
                partitioning == null ? null : partitioning.withColumnRenamed(from, to));
    }

    /** Renames a referenced column in this table's foreign keys that point at {@code refTable}. */
    public Table withReferencedColumnRenamed(String refTable, String from, String to) {
        return new Table(name, columns, primaryKey, uniques, checks, indexes, foreignKeys.stream()
                .map(f -> !f.refTable().equals(refTable) ? f : new ForeignKey(f.name(), f.columns(), f.refTable(),
                        f.refColumns().stream().map(x -> x.equals(from) ? to : x).toList(), f.onDelete()))
                .toList(), partitioning);
    }

    /** Adds an index; its name must be free in this table. */
    public Table withIndex(Index index) {
        requireFreeName(index.name());
        return new Table(name, columns, primaryKey, uniques, checks, plus(indexes, index), foreignKeys, partitioning);
    }

    /** Adds a unique constraint; its name must be free in this table. */
    public Table withUnique(UniqueConstraint unique) {
        requireFreeName(unique.name());
        return new Table(name, columns, primaryKey, plus(uniques, unique), checks, indexes, foreignKeys, partitioning);
    }

    /** Adds a check constraint; its name must be free in this table. */
    public Table withCheck(CheckConstraint check) {
        requireFreeName(check.name());
        return new Table(name, columns, primaryKey, uniques, plus(checks, check), indexes, foreignKeys, partitioning);
    }

    /** Adds a unique, check or foreign-key constraint. */
    public Table withConstraint(Constraint c) {
        if (c instanceof UniqueConstraint u) {
            return withUnique(u);
        }
        if (c instanceof CheckConstraint k) {
            return withCheck(k);
        }
        return withForeignKey((ForeignKey) c);
    }

    /** The constraint of that name. */
    public Optional<Constraint> constraint(String constraintName) {
        return unique(constraintName).<Constraint>map(x -> x).or(() -> check(constraintName).map(x -> x))
                .or(() -> foreignKey(constraintName).map(x -> x));
    }

    /** Adds a foreign key; its name must be free in this table. */
    public Table withForeignKey(ForeignKey fk) {
        requireFreeName(fk.name());
        return new Table(name, columns, primaryKey, uniques, checks, indexes, plus(foreignKeys, fk), partitioning);
    }

    /** Replaces the unique constraints. */
    public Table withUniques(List<UniqueConstraint> newUniques) {
        return new Table(name, columns, primaryKey, newUniques, checks, indexes, foreignKeys, partitioning);
    }

    /** Replaces the foreign keys. */
    public Table withForeignKeys(List<ForeignKey> fks) {
        return new Table(name, columns, primaryKey, uniques, checks, indexes, fks, partitioning);
    }

    /** Removes the index, constraint or foreign key of that name. */
    public Table without(String objectName) {
        if (!names().contains(objectName)) {
            throw new IllegalArgumentException("table " + name + " has no index or constraint named " + objectName);
        }
        return new Table(name, columns, primaryKey, minus(uniques, u -> u.name().equals(objectName)),
                minus(checks, c -> c.name().equals(objectName)), minus(indexes, i -> i.name().equals(objectName)),
                minus(foreignKeys, f -> f.name().equals(objectName)), partitioning);
    }

    /** The index of that name. */
    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    /** The unique constraint of that name. */
    public Optional<UniqueConstraint> unique(String uniqueName) {
        return uniques.stream().filter(i -> i.name().equals(uniqueName)).findFirst();
    }

    /** The check constraint of that name. */
    public Optional<CheckConstraint> check(String checkName) {
        return checks.stream().filter(i -> i.name().equals(checkName)).findFirst();
    }

    /** The foreign key of that name. */
    public Optional<ForeignKey> foreignKey(String fkName) {
        return foreignKeys.stream().filter(i -> i.name().equals(fkName)).findFirst();
    }

    /** The names of every index and constraint of this table. */
    public List<String> names() {
        List<String> n = new ArrayList<>();
        uniques.forEach(u -> n.add(u.name()));
        checks.forEach(u -> n.add(u.name()));
        indexes.forEach(u -> n.add(u.name()));
        foreignKeys.forEach(u -> n.add(u.name()));
        return n;
    }

    private void requireFreeName(String n) {
        if (names().contains(n)) {
            throw new IllegalArgumentException("table " + name + " already has an index or constraint named " + n);
        }
    }

    private static <T> List<T> plus(List<T> l, T t) {
        List<T> out = new ArrayList<>(l);
        out.add(t);
        return out;
    }

    private static <T> List<T> minus(List<T> l, Predicate<T> drop) {
        return l.stream().filter(drop.negate()).toList();
    }
}
