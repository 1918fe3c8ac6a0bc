package io.covet.schema.internal;

import io.covet.core.engine.Engine;
import io.covet.schema.ColumnType;

import java.util.Locale;

/**
 * The comparable form of a native (raw) column type on one engine: what the engine's catalog would report for a
 * column declared with it. A model may declare {@code char(3)}, {@code SMALLINT UNSIGNED} or {@code NUMERIC} as
 * its native type where the reader sees {@code character(3)}, {@code smallint(5) unsigned} or a SQLite declared
 * type; both sides must meet in one form for the comparison to find them equal.
 */
public final class NativeTypes {
    private static final java.util.regex.Pattern TYPE_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z_\"][A-Za-z0-9_ .\"]*(\\(\\s*\\d+(\\s*,\\s*\\d+)?\\s*\\))?(\\s*\\[\\])*");

    /** PostgreSQL's internal names of element types ({@code _int4} is {@code integer[]}) and their SQL spelling. */
    private static final java.util.Map<String, String> PG_ARRAY_NAMES = java.util.Map.ofEntries(
            java.util.Map.entry("int2", "smallint"), java.util.Map.entry("int4", "integer"),
            java.util.Map.entry("int8", "bigint"), java.util.Map.entry("text", "text"),
            java.util.Map.entry("varchar", "character varying"), java.util.Map.entry("bpchar", "character"),
            java.util.Map.entry("bool", "boolean"), java.util.Map.entry("float4", "real"),
            java.util.Map.entry("float8", "double precision"), java.util.Map.entry("numeric", "numeric"),
            java.util.Map.entry("uuid", "uuid"), java.util.Map.entry("date", "date"),
            java.util.Map.entry("time", "time without time zone"),
            java.util.Map.entry("timestamp", "timestamp without time zone"),
            java.util.Map.entry("timestamptz", "timestamp with time zone"));

    private NativeTypes() {
    }

    /**
     * {@code type} when it reads as one type name as an engine spells it ({@code integer}, {@code varchar(20)},
     * {@code numeric(12, 2)}, {@code public.citext}, {@code text[]}, {@code double precision}), so it can be
     * written into DDL verbatim; anything else (a statement separator, a comment, an expression) is refused.
     *
     * @throws IllegalArgumentException naming the text and what a type name looks like
     */
    public static String requireTypeName(String type) {
        if (type == null || !TYPE_NAME.matcher(type.strip()).matches()
                || type.chars().filter(c -> c == '"').count() % 2 != 0) {
            throw new IllegalArgumentException("'" + type + "' is not a type name: give the type as the engine spells "
                    + "it, such as integer, varchar(20), numeric(12, 2) or text[]");
        }
        return type.strip();
    }

    /**
     * The type a column declared {@code nativeType} has as the engine's reader sees it (a portable type where the
     * reader maps it to one), with spelling differences that carry no meaning removed: case, spaces, MariaDB's
     * integer display widths; on SQLite a declared type no portable type describes compares by its
     * <a href="https://www.sqlite.org/datatype3.html">affinity</a>, the only thing SQLite keeps of it.
     */
    public static ColumnType comparable(Engine engine, String nativeType) {
        String s = lowerOutsideQuotes(nativeType.strip());
        // engine facts: how each engine's catalog spells a type it was given
        return switch (engine.family()) {
            case MARIADB -> {
                ColumnType t = MariaDbReader.type(s);
                yield t.kind() != ColumnType.Kind.RAW ? t : ColumnType.raw(s
                        .replaceAll("^(tinyint|smallint|mediumint|int|integer|bigint)\\(\\d+\\)", "$1")
                        .replaceAll("^integer\\b", "int").replaceAll("^year\\(4\\)", "year"));
            }
            case POSTGRESQL -> {
                // an array's element is spelled like a column's type; _int4 is the catalog's name of integer[]
                String array = s.startsWith("_") && PG_ARRAY_NAMES.containsKey(s.substring(1))
                        ? PG_ARRAY_NAMES.get(s.substring(1)) + "[]" : s;
                // every dimension's [] (integer[][] is a two-dimensional array of integer)
                String dims = "";
                String element = array;
                while (element.endsWith("[]")) {
                    dims += "[]";
                    element = element.substring(0, element.length() - 2).strip();
                }
                String pg = element.replaceAll("^char\\((\\d+)\\)$", "character($1)")
                        .replaceAll("^varchar\\((\\d+)\\)$", "character varying($1)")
                        .replaceAll("^(int4|int)$", "integer").replaceAll("^int2$", "smallint")
                        .replaceAll("^int8$", "bigint").replaceAll("^bool$", "boolean")
                        .replaceAll("^float8$", "double precision").replaceAll("^float4$", "real")
                        .replaceAll("^varchar$", "character varying").replaceAll("^decimal", "numeric")
                        .replaceAll("^bpchar\\((\\d+)\\)$", "character($1)")
                        .replaceAll("^timestamptz$", "timestamp with time zone")
                        .replaceAll("^timestamp$", "timestamp without time zone")
                        .replaceAll("^time$", "time without time zone");
                yield PostgresReader.type(pg + dims);
            }
            default -> {
                ColumnType t = SqliteReader.type(s);
                yield t.kind() != ColumnType.Kind.RAW ? t : ColumnType.raw("affinity " + affinity(s));
            }
        };
    }

    /**
     * The type in lower case with runs of spaces as one, except inside quoted literals: the labels of MariaDB's
     * {@code ENUM('PG-13')} keep their case, which the engine keeps too.
     */
    static String lowerOutsideQuotes(String type) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                sb.append(c);
            } else if (quoted) {
                sb.append(c);
            } else if (Character.isWhitespace(c)) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(' ');
                }
            } else {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().strip();
    }

    /** SQLite's affinity of a declared type, by its documented rules in their order. */
    static String affinity(String declared) {
        String s = declared.toLowerCase(Locale.ROOT);
        if (s.contains("int")) {
            return "integer";
        }
        if (s.contains("char") || s.contains("clob") || s.contains("text")) {
            return "text";
        }
        if (s.isBlank() || s.contains("blob")) {
            return "blob";
        }
        if (s.contains("real") || s.contains("floa") || s.contains("doub")) {
            return "real";
        }
        return "numeric";
    }
}
