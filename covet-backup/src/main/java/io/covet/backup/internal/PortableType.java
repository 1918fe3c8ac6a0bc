package io.covet.backup.internal;

import io.covet.core.engine.Engine;

import java.util.Locale;

/**
 * The engine-neutral column types of the archive format. Each column keeps its native type too; the portable
 * type decides how values are read, normalised, checksummed and which type a column gets on another engine.
 */
public enum PortableType {
    SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, BOOLEAN, CHAR, VARCHAR, TEXT, BYTES, DATE, TIME, TIMESTAMP,
    TIMESTAMPTZ, UUID, JSON, OTHER;

    /** Classifies a native type as the engine spells it (PostgreSQL format_type, MariaDB COLUMN_TYPE, SQLite declared type). */
    public static PortableType classify(Engine engine, String nativeType) {
        String t = nativeType == null ? "" : nativeType.toLowerCase(Locale.ROOT).strip();
        // engine facts: how each engine's catalog spells a type
        return switch (engine.family()) {
            case POSTGRESQL -> postgres(t);
            case MARIADB -> mariadb(t);
            default -> sqlite(t);
        };
    }

    private static PortableType postgres(String t) {
        if (t.endsWith("]")) {
            return OTHER; // an array travels as its text form, whatever its element type
        }
        if (t.startsWith("timestamp")) {
            return t.contains("with time zone") ? TIMESTAMPTZ : TIMESTAMP;
        }
        if (t.startsWith("time")) {
            return t.contains("with time zone") ? OTHER : TIME;
        }
        if (t.startsWith("character varying")) {
            return VARCHAR;
        }
        if (t.startsWith("character") || t.equals("bpchar")) {
            return CHAR;
        }
        if (t.startsWith("numeric")) {
            return DECIMAL;
        }
        return switch (t) {
            case "smallint" -> SMALLINT;
            case "integer" -> INTEGER;
            case "bigint" -> BIGINT;
            case "real" -> REAL;
            case "double precision" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            case "text" -> TEXT;
            case "bytea" -> BYTES;
            case "date" -> DATE;
            case "uuid" -> UUID;
            case "json", "jsonb" -> JSON;
            default -> OTHER;
        };
    }

    private static PortableType mariadb(String t) {
        if (t.startsWith("tinyint(1)")) {
            return BOOLEAN;
        }
        if (t.contains("unsigned") && t.startsWith("bigint")) {
            return DECIMAL;
        }
        String base = t.replaceAll("[( ].*$", "");
        return switch (base) {
            case "tinyint", "smallint" -> SMALLINT;
            case "mediumint", "int", "integer" -> t.contains("unsigned") ? BIGINT : INTEGER;
            case "bigint" -> BIGINT;
            case "decimal", "numeric" -> DECIMAL;
            case "float" -> REAL;
            case "double" -> DOUBLE;
            case "char" -> CHAR;
            case "varchar" -> VARCHAR;
            case "tinytext", "text", "mediumtext", "longtext" -> TEXT;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> BYTES;
            // BIT(n) as its big-endian bytes; spatial values in MariaDB's own form (SRID + WKB), which it takes back
            case "bit", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
                 "multipolygon", "geometrycollection" -> BYTES;
            case "date" -> DATE;
            case "time" -> TIME;
            case "datetime", "timestamp" -> TIMESTAMP;
            case "uuid" -> UUID;
            case "json" -> JSON;
            default -> OTHER;
        };
    }

    /** SQLite's declared types are free text; this follows its affinity rules, refined for common names. */
    private static PortableType sqlite(String t) {
        if (t.isEmpty()) {
            return OTHER;
        }
        if (t.contains("bool")) {
            return BOOLEAN;
        }
        if (t.contains("int")) {
            return BIGINT;
        }
        if (t.contains("datetime") || t.contains("timestamp")) {
            return TIMESTAMP;
        }
        if (t.startsWith("date")) {
            return DATE;
        }
        if (t.startsWith("time")) {
            return TIME;
        }
        if (t.contains("uuid")) {
            return UUID;
        }
        if (t.contains("json")) {
            return JSON;
        }
        if (t.contains("char") && t.contains("(")) {
            return t.contains("varchar") || t.contains("varying") ? VARCHAR : CHAR;
        }
        if (t.contains("char") || t.contains("clob") || t.contains("text")) {
            return TEXT;
        }
        if (t.contains("blob")) {
            return BYTES;
        }
        if (t.contains("real") || t.contains("floa") || t.contains("doub")) {
            return DOUBLE;
        }
        if (t.contains("dec") || t.contains("numeric")) {
            return DECIMAL;
        }
        return OTHER;
    }

    /** Whether values of this type are integers. */
    public boolean integral() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }
}
