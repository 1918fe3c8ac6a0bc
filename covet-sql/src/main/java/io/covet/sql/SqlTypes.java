package io.covet.sql;

import io.covet.core.engine.Engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/** The SQL type each engine uses for a Java type in {@code CAST}. One table, one place. */
final class SqlTypes {
    private SqlTypes() {
    }

    /**
     * The type name for {@code CAST(x AS …)}.
     *
     * @throws IllegalArgumentException for a Java type with no SQL counterpart
     */
    static String name(Engine family, Class<?> type) {
        boolean pg = family == Engine.POSTGRESQL;
        boolean maria = family == Engine.MARIADB;
        if (type == String.class || type == Character.class) {
            return maria ? "CHAR" : "TEXT";
        }
        if (type == Integer.class || type == Short.class || type == Byte.class) {
            return pg ? "INTEGER" : maria ? "SIGNED" : "INTEGER";
        }
        if (type == Long.class || type == BigInteger.class) {
            return pg ? "BIGINT" : maria ? "SIGNED" : "INTEGER";
        }
        if (type == Double.class || type == Float.class) {
            return pg ? "DOUBLE PRECISION" : maria ? "DOUBLE" : "REAL";
        }
        if (type == BigDecimal.class) {
            // MariaDB's bare DECIMAL is DECIMAL(10,0) and would round away every fraction; SQLite's NUMERIC turns
            // 3.00 into the integer 3, so REAL, its only non-integer number.
            return pg ? "NUMERIC" : maria ? "DECIMAL(65,30)" : "REAL";
        }
        if (type == Boolean.class) {
            return pg ? "BOOLEAN" : maria ? "SIGNED" : "INTEGER";
        }
        if (type == LocalDate.class) {
            return maria || pg ? "DATE" : "TEXT";
        }
        if (type == LocalDateTime.class) {
            return pg ? "TIMESTAMP" : maria ? "DATETIME(6)" : "TEXT";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return pg ? "TIMESTAMPTZ" : maria ? "DATETIME(6)" : "TEXT";
        }
        if (type == LocalTime.class) {
            return pg ? "TIME" : maria ? "TIME(6)" : "TEXT";
        }
        if (type == UUID.class) {
            return pg ? "UUID" : maria ? "CHAR(36)" : "TEXT";
        }
        if (type == byte[].class) {
            return pg ? "BYTEA" : maria ? "BINARY" : "BLOB";
        }
        if (type == Json.class) {
            return pg ? "JSONB" : maria ? "CHAR" : "TEXT";
        }
        throw new IllegalArgumentException("no SQL type is known for " + type.getName() + "; cast to one of String, "
                + "Integer, Long, Double, BigDecimal, Boolean, LocalDate, LocalDateTime, Instant, LocalTime, UUID, "
                + "byte[] or Json, or write the cast with Sql.raw(…)");
    }
}
