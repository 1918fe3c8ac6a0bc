package io.covet.migrate;

import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** For {@link ModelWriter}: the Java type of a column of a native type, by each engine's own type names. */
final class NativeJavaTypes {
    private NativeJavaTypes() {
    }

    /**
     * The Java type of a column no field type describes, declared with its native type: wide enough for the
     * values (unsigned integers one size up; an auto key never wider than Long, which the ORM requires); a
     * PostgreSQL domain as its base type ({@code portable} gives the Java type of a portable one). Types outside
     * {@code java.lang} are qualified.
     */
    static String of(Engine engine, Map<String, String> domains, Column c, Function<Column, String> portable) {
        String n = c.type().raw().toLowerCase(Locale.ROOT).strip();
        String base = n.replaceAll("[\\s(].*$", "");
        boolean unsigned = n.contains("unsigned");
        // engine facts: each engine's own type names and how their values read in Java (SQLite by affinity)
        if (engine.family() == Engine.MARIADB) {
            switch (base) {
                case "tinyint":
                    return "Short";
                case "smallint", "mediumint":
                    return "Integer";
                case "int", "integer":
                    return unsigned ? "Long" : "Integer";
                case "bigint":
                    return unsigned && !c.autoIncrement() ? "java.math.BigDecimal" : "Long";
                case "year":
                    return "Short";
                case "decimal", "numeric", "float", "double":
                    return "java.math.BigDecimal";
                case "bit":
                    return n.equals("bit(1)") ? "Boolean" : "byte[]";
                case "binary", "varbinary", "geometry", "point", "linestring", "polygon", "multipoint",
                     "multilinestring", "multipolygon", "geometrycollection":
                    return "byte[]";
                default:
                    return "String";
            }
        }
        if (engine.family() == Engine.SQLITE) {
            // SQLite's affinity rules, in the order its documentation applies them
            if (n.contains("int")) {
                return "Long";
            }
            if (n.contains("char") || n.contains("clob") || n.contains("text")) {
                return "String";
            }
            if (n.contains("blob")) {
                return "byte[]";
            }
            if (n.contains("real") || n.contains("floa") || n.contains("doub")) {
                return "Double";
            }
            return "java.math.BigDecimal";
        }
        String domainBase = domains.get(c.type().raw());
        if (domainBase != null) {
            // a domain reads and writes as its base type
            ColumnType b = io.covet.schema.SchemaComparison.nativeType(engine, domainBase);
            Column asBase = new Column(c.name(), b, c.nullable(), null, false);
            return b.kind() == ColumnType.Kind.RAW ? of(engine, domains, asBase, portable) : portable.apply(asBase);
        }
        return switch (base) {
            case "numeric", "decimal" -> "java.math.BigDecimal";
            case "bytea" -> "byte[]";
            default -> "String";
        };
    }
}
