package io.covet.schema;

import io.covet.core.engine.Engine;
import io.covet.schema.internal.NativeTypes;
import io.covet.schema.internal.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compares two schemas as one engine sees them. Engines blur some distinctions (MariaDB has no zone-aware
 * timestamp, holds UUIDs as CHAR(36) and keeps unique constraints as unique indexes; SQLite's auto-increment key
 * is always INTEGER; each engine echoes expressions back in its own spelling; a native type compares as the engine's
 * catalog reports it, on SQLite by affinity), so both sides are first mapped to
 * the {@linkplain #comparable(Schema, Engine) comparable form} for that engine.
 */
public final class SchemaComparison {
    private SchemaComparison() {
    }

    /**
     * The schema as the engine can tell it apart: columns, constraints and indexes sorted by name, primary-key
     * columns NOT NULL, defaults and expressions in canonical form, and the engine's type merges applied.
     * Meant for comparison only (canonical expressions are not valid SQL).
     */
    public static Schema comparable(Schema schema, Engine engine) {
        Engine family = engine.family();
        List<Table> out = new ArrayList<>();
        for (Table t : schema.tables()) {
            List<Column> cols = new ArrayList<>();
            for (Column c : t.columns()) {
                ColumnType type = c.type();
                if (type.kind() == ColumnType.Kind.RAW) {
                    type = NativeTypes.comparable(family, type.raw());
                }
                // engine facts: MariaDB reports an enum column as its inline ENUM(…) type; SQLite as TEXT with the
                // labels in a column check, and no type name (the reader makes one up), so the labels are compared
                if (family == Engine.MARIADB && type.kind() == ColumnType.Kind.ENUM) {
                    type = NativeTypes.comparable(family, "enum(" + type.labelList().replace(", ", ",") + ")");
                }
                if (family == Engine.SQLITE && type.kind() == ColumnType.Kind.ENUM) {
                    type = ColumnType.raw("text check in (" + type.labelList().replace(", ", ",") + ")");
                }
                // engine facts, not capabilities: the types an engine stores in place of others (MariaDbDdl, SqliteDdl)
                if (family == Engine.MARIADB && type.kind() == ColumnType.Kind.TIMESTAMPTZ) {
                    type = ColumnType.of(ColumnType.Kind.TIMESTAMP);
                }
                if (family == Engine.MARIADB && type.kind() == ColumnType.Kind.UUID) {
                    type = ColumnType.fixedChar(36);
                }
                if (family == Engine.SQLITE && c.autoIncrement()) {
                    type = ColumnType.of(ColumnType.Kind.INTEGER);
                }
                ColumnDefault d = c.defaultValue();
                if (d != null) {
                    d = d.expression() ? ColumnDefault.expression(Values.expressionKey(d.text()))
                            : ColumnDefault.value(Values.canonicalValue(type, d.text()));
                }
                // a generated column is compared by its expression's canonical form and as nullable (no engine
                // echoes the expression as written, and the DDL gives generated columns no NOT NULL)
                Column.Generated g = c.generated() == null ? null
                        : new Column.Generated(Values.expressionKey(c.generated().expression()), c.generated().stored());
                cols.add(new Column(c.name(), type, g != null || c.nullable() && !t.primaryKey().contains(c.name()),
                        g != null ? null : d, c.autoIncrement(), g));
            }
            cols.sort(Comparator.comparing(Column::name));
            List<UniqueConstraint> uniques = new ArrayList<>(t.uniques());
            List<Index> indexes = new ArrayList<>();
            for (Index i : t.indexes()) {
                // engine fact: MariaDB keeps a unique constraint as a unique index and reports it as one
                if (family == Engine.MARIADB && i.unique() && i.where() == null) {
                    uniques.add(new UniqueConstraint(i.name(), i.columns()));
                } else {
                    indexes.add(new Index(i.name(), i.columns(), i.unique(),
                            i.where() == null ? null : Values.expressionKey(i.where())));
                }
            }
            uniques.sort(Comparator.comparing(UniqueConstraint::name));
            indexes.sort(Comparator.comparing(Index::name));
            List<CheckConstraint> checks = t.checks().stream()
                    .map(c -> new CheckConstraint(c.name(), Values.expressionKey(c.expression())))
                    .sorted(Comparator.comparing(CheckConstraint::name)).toList();
            List<ForeignKey> fks = t.foreignKeys().stream().sorted(Comparator.comparing(ForeignKey::name)).toList();
            out.add(new Table(t.name(), cols, t.primaryKey(), uniques, checks, indexes, fks,
                    comparablePartitioning(t.partitioning())));
        }
        return Schema.of(out);
    }

    /** Partitions sorted by name, bounds as a canonical key (engines echo them in their own spelling). */
    private static Partitioning comparablePartitioning(Partitioning p) {
        if (p == null) {
            return null;
        }
        return new Partitioning(p.method(), p.columns(), p.partitions().stream()
                .map(x -> new Partitioning.Partition(x.name(), x.bounds() == null ? null
                        : Values.expressionKey(x.bounds())))
                .sorted(Comparator.comparing(Partitioning.Partition::name)).toList());
    }

    /**
     * The type a column declared with {@code nativeType} has as the engine's reader sees it: a portable type where
     * the reader maps it to one (PostgreSQL's {@code integer} is {@code INTEGER}), else the native type in the
     * engine's spelling ({@link ColumnType.Kind#RAW}).
     */
    public static ColumnType nativeType(Engine engine, String nativeType) {
        return NativeTypes.comparable(engine, nativeType);
    }

    /**
     * Every difference between what was expected and what is, one human-readable line each (empty when equal on
     * this engine), e.g. {@code column order.note: expected varchar(200) NULL, found text NULL}.
     */
    public static List<String> differences(Schema expected, Schema actual, Engine engine) {
        return differences(expected, actual, engine, "the migrations");
    }

    /**
     * As {@link #differences(Schema, Schema, Engine)}, naming where the expected schema comes from (e.g.
     * {@code "the models"}) in the lines about objects found only in the database.
     */
    public static List<String> differences(Schema expected, Schema actual, Engine engine, String expectedSource) {
        Schema e = comparable(expected, engine);
        Schema a = comparable(actual, engine);
        a = enumsByName(e, a);
        List<String> out = new ArrayList<>();
        for (String name : union(e.tableNames(), a.tableNames())) {
            Table et = e.table(name).orElse(null);
            Table at = a.table(name).orElse(null);
            if (at == null) {
                out.add("table " + name + ": missing from the database");
            } else if (et == null) {
                out.add("table " + name + ": in the database but not in " + expectedSource);
            } else {
                tableDifferences(et, at, expectedSource, out);
            }
        }
        return out;
    }

    /**
     * A column the expected side declares by the bare name of an enum type ({@code nativeType = "mood"}, a model of
     * an enum whose labels are not Java identifiers) is the actual enum column of that name: its labels are the
     * database's, which such a model does not state.
     */
    private static Schema enumsByName(Schema expected, Schema actual) {
        Schema out = actual;
        for (Table at : actual.tables()) {
            Table et = expected.table(at.name()).orElse(null);
            if (et == null) {
                continue;
            }
            Table t = at;
            for (Column c : at.columns()) {
                Column x = et.column(c.name()).orElse(null);
                if (x != null && c.type().kind() == ColumnType.Kind.ENUM && x.type().kind() == ColumnType.Kind.RAW
                        && x.type().raw().equals(c.type().enumName())) {
                    t = t.withColumn(c.withType(x.type()));
                }
            }
            out = out.with(t);
        }
        return out;
    }

    private static void tableDifferences(Table e, Table a, String source, List<String> out) {
        String t = e.name();
        if (!e.primaryKey().equals(a.primaryKey())) {
            out.add("primary key of " + t + ": expected " + e.primaryKey() + ", found " + a.primaryKey());
        }
        compare("column " + t + ".", e.columns(), a.columns(), Column::name, SchemaComparison::describe, source, out);
        compare("unique constraint " + t + ".", e.uniques(), a.uniques(), UniqueConstraint::name,
                u -> "UNIQUE " + u.columns(), source, out);
        compare("check constraint " + t + ".", e.checks(), a.checks(), CheckConstraint::name,
                CheckConstraint::expression, source, out);
        compare("index " + t + ".", e.indexes(), a.indexes(), Index::name,
                i -> (i.unique() ? "UNIQUE " : "") + i.columns() + (i.where() == null ? "" : " WHERE " + i.where()),
                source, out);
        compare("foreign key " + t + ".", e.foreignKeys(), keysNamedAsExpected(e.foreignKeys(), a.foreignKeys()),
                ForeignKey::name,
                f -> f.columns() + " -> " + f.refTable() + f.refColumns() + " ON DELETE " + f.onDelete().sql(), source, out);
        if (!Objects.equals(e.partitioning(), a.partitioning())) {
            out.add("partitioning of " + t + ": expected " + describe(e.partitioning()) + ", found "
                    + describe(a.partitioning()));
        }
    }

    /**
     * The found foreign keys, each one that does exactly what an expected key of another name does (same columns,
     * referenced table and columns, ON DELETE) taking that key's name: keys match on what they do, as the
     * autodetector matches them, so a key that kept its name through a column or table rename is not drift that
     * no migration would ever remove.
     */
    private static List<ForeignKey> keysNamedAsExpected(List<ForeignKey> expected, List<ForeignKey> actual) {
        Set<String> actualNames = new HashSet<>();
        actual.forEach(f -> actualNames.add(f.name()));
        Set<String> expectedNames = new HashSet<>();
        expected.forEach(f -> expectedNames.add(f.name()));
        List<ForeignKey> unmatched = new ArrayList<>(
                expected.stream().filter(f -> !actualNames.contains(f.name())).toList());
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey f : actual) {
            ForeignKey same = expectedNames.contains(f.name()) ? null : unmatched.stream()
                    .filter(x -> x.columns().equals(f.columns()) && x.refTable().equals(f.refTable())
                            && x.refColumns().equals(f.refColumns()) && x.onDelete() == f.onDelete())
                    .findFirst().orElse(null);
            if (same == null) {
                out.add(f);
            } else {
                unmatched.remove(same);
                out.add(same);
            }
        }
        return out;
    }

    /** Partitioning as one line: {@code RANGE [created] (p1 fromto, p2 DEFAULT)}, or {@code none}. */
    private static String describe(Partitioning p) {
        return p == null ? "none" : p.method() + " " + p.columns() + " (" + String.join(", ", p.partitions().stream()
                .map(x -> x.name() + " " + (x.isDefault() ? "DEFAULT" : x.bounds())).toList()) + ")";
    }

    /** A column as one line: {@code varchar(100) NOT NULL DEFAULT 'x'}. */
    public static String describe(Column c) {
        return c.type() + (c.nullable() ? " NULL" : " NOT NULL")
                + (c.defaultValue() == null ? "" : " DEFAULT " + c.defaultValue())
                + (c.autoIncrement() ? " AUTO_INCREMENT" : "")
                + (c.generated() == null ? "" : " GENERATED ALWAYS AS (" + c.generated().expression() + ") "
                + (c.generated().stored() ? "STORED" : "VIRTUAL"));
    }

    private static <T> void compare(String what, List<T> expected, List<T> actual, Function<T, String> name,
                                    Function<T, String> describe, String source, List<String> out) {
        Map<String, T> e = index(expected, name);
        Map<String, T> a = index(actual, name);
        for (String n : union(List.copyOf(e.keySet()), List.copyOf(a.keySet()))) {
            T x = e.get(n);
            T y = a.get(n);
            if (y == null) {
                out.add(what + n + ": missing from the database (expected " + describe.apply(x) + ")");
            } else if (x == null) {
                out.add(what + n + ": in the database but not in " + source + " (" + describe.apply(y) + ")");
            } else if (!Objects.equals(x, y)) {
                out.add(what + n + ": expected " + describe.apply(x) + ", found " + describe.apply(y));
            }
        }
    }

    private static <T> Map<String, T> index(List<T> l, Function<T, String> name) {
        Map<String, T> m = new TreeMap<>();
        l.forEach(x -> m.put(name.apply(x), x));
        return m;
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.TreeSet<String> s = new java.util.TreeSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
