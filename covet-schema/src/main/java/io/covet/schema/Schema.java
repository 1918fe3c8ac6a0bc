package io.covet.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole schema of one database: its tables by name. Immutable; {@link #with(Table)}, {@link #without(String)}
 * and {@link #renamed(String, String)} return new schemas. This is the one state that model metadata,
 * migrations, introspection, drift checks and backups share.
 */
public final class Schema {
    private static final Schema EMPTY = new Schema(new TreeMap<>());
    private final SortedMap<String, Table> tables;

    private Schema(SortedMap<String, Table> tables) {
        this.tables = Collections.unmodifiableSortedMap(tables);
    }

    /** The schema with no tables. */
    public static Schema empty() {
        return EMPTY;
    }

    /** A schema of these tables. */
    public static Schema of(Collection<Table> tables) {
        Schema s = EMPTY;
        for (Table t : tables) {
            s = s.with(t);
        }
        return s;
    }

    /** The tables, sorted by name. */
    public Collection<Table> tables() {
        return tables.values();
    }

    /** The table names, sorted. */
    public List<String> tableNames() {
        return List.copyOf(tables.keySet());
    }

    /** The table of that name. */
    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** The table of that name, or an error saying it does not exist. */
    public Table require(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("there is no table " + name + " in the schema");
        }
        return t;
    }

    /** This schema with the table added or replaced. */
    public Schema with(Table table) {
        TreeMap<String, Table> m = new TreeMap<>(tables);
        m.put(table.name(), table);
        return new Schema(m);
    }

    /** This schema without the table. */
    public Schema without(String name) {
        require(name);
        TreeMap<String, Table> m = new TreeMap<>(tables);
        m.remove(name);
        return new Schema(m);
    }

    /** This schema with a table renamed and every foreign key that points at it updated. */
    public Schema renamed(String from, String to) {
        Table t = require(from);
        if (tables.containsKey(to)) {
            throw new IllegalArgumentException("cannot rename table " + from + " to " + to + ": it exists");
        }
        TreeMap<String, Table> m = new TreeMap<>();
        for (Table x : tables.values()) {
            Table y = x == t ? x.withName(to) : x;
            y = y.withForeignKeys(y.foreignKeys().stream()
                    .map(f -> f.refTable().equals(from) ? f.withRefTable(to) : f).toList());
            m.put(y.name(), y);
        }
        return new Schema(m);
    }

    /**
     * The enum types the columns use, by name, each with its labels in order. A type is the same wherever it is
     * used, so two columns that name one type with different labels are an error.
     *
     * @throws IllegalArgumentException naming both columns when one type name has two sets of labels
     */
    public SortedMap<String, List<String>> enumTypes() {
        SortedMap<String, List<String>> out = new TreeMap<>();
        SortedMap<String, String> where = new TreeMap<>();
        for (Table t : tables.values()) {
            for (Column c : t.columns()) {
                String name = c.type().enumName();
                if (name == null) {
                    continue;
                }
                List<String> had = out.putIfAbsent(name, c.type().labels());
                if (had == null) {
                    where.put(name, t.name() + "." + c.name());
                } else if (!had.equals(c.type().labels())) {
                    throw new IllegalArgumentException("enum type " + name + " has the labels " + had + " on "
                            + where.get(name) + " but " + c.type().labels() + " on " + t.name() + "." + c.name()
                            + "; a database enum type has one set of labels: give both fields the same Java enum, "
                            + "or the types different names");
                }
            }
        }
        return out;
    }

    /** The columns ({@code table.column}) whose type is the enum type {@code name}, by table. */
    public SortedMap<String, List<String>> columnsOfEnum(String name) {
        SortedMap<String, List<String>> out = new TreeMap<>();
        for (Table t : tables.values()) {
            for (Column c : t.columns()) {
                if (name.equals(c.type().enumName())) {
                    out.computeIfAbsent(t.name(), k -> new java.util.ArrayList<>()).add(c.name());
                }
            }
        }
        return out;
    }

    /** This schema with every column of the enum type {@code name} given {@code type} (a label change). */
    public Schema withEnumType(String name, ColumnType type) {
        TreeMap<String, Table> m = new TreeMap<>();
        for (Table t : tables.values()) {
            Table y = t;
            for (Column c : t.columns()) {
                if (name.equals(c.type().enumName())) {
                    y = y.withColumn(c.withType(type));
                }
            }
            m.put(y.name(), y);
        }
        return new Schema(m);
    }

    /** The tables whose foreign keys point at {@code name} (other than itself). */
    public List<Table> referencing(String name) {
        return tables.values().stream().filter(t -> !t.name().equals(name))
                .filter(t -> t.foreignKeys().stream().anyMatch(f -> f.refTable().equals(name))).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.tables.equals(tables);
    }

    @Override
    public int hashCode() {
        return tables.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + tables.values();
    }
}
