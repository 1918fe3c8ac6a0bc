package io.covet.orm.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.core.engine.Engine;
import io.covet.sql.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Reads one column by index in the representation each engine stores (see {@link io.covet.orm.FieldType}). Called
 * by generated row mappers; not an API.
 */
public final class Jdbc {
    /** The JSON mapper for JSON fields. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private Jdbc() {
    }

    /** Column {@code i} as read by generated mappers ({@code getInteger}); null for SQL NULL. */
    public static Integer getInteger(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return v == 0 && rs.wasNull() ? null : v;
    }

    /** Column {@code i} as read by generated mappers ({@code getLong}); null for SQL NULL. */
    public static Long getLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return v == 0 && rs.wasNull() ? null : v;
    }

    /** Column {@code i} as read by generated mappers ({@code getShort}); null for SQL NULL. */
    public static Short getShort(ResultSet rs, int i) throws SQLException {
        short v = rs.getShort(i);
        return v == 0 && rs.wasNull() ? null : v;
    }

    /** Column {@code i} as read by generated mappers ({@code getDouble}); null for SQL NULL. */
    public static Double getDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return v == 0 && rs.wasNull() ? null : v;
    }

    /** Column {@code i} as read by generated mappers ({@code getFloat}); null for SQL NULL. */
    public static Float getFloat(ResultSet rs, int i) throws SQLException {
        float v = rs.getFloat(i);
        return v == 0 && rs.wasNull() ? null : v;
    }

    /** Column {@code i} as read by generated mappers ({@code getBoolean}); null for SQL NULL. */
    public static Boolean getBoolean(ResultSet rs, int i) throws SQLException {
        boolean v = rs.getBoolean(i);
        return !v && rs.wasNull() ? null : v;
    }

    /** Column {@code i} as read by generated mappers ({@code getString}); null for SQL NULL. */
    public static String getString(ResultSet rs, int i) throws SQLException {
        return rs.getString(i);
    }

    /**
     * Column {@code i} as the decimal the engine returns, for a field with a native column type (whose scale is the
     * engine's, not the field's); null for SQL NULL.
     */
    public static BigDecimal getDecimal(ResultSet rs, int i) throws SQLException {
        return rs.getBigDecimal(i);
    }

    /** Column {@code i} as a decimal at the field's scale (SQLite may hand back fewer fraction digits). */
    public static BigDecimal getDecimal(ResultSet rs, int i, int scale) throws SQLException {
        BigDecimal v = rs.getBigDecimal(i);
        return v == null ? null : v.setScale(scale, RoundingMode.HALF_EVEN);
    }

    /** Column {@code i} as read by generated mappers ({@code getUuid}); null for SQL NULL. */
    public static UUID getUuid(ResultSet rs, int i, Engine e) throws SQLException {
        if (e == Engine.POSTGRESQL) {
            return rs.getObject(i, UUID.class);
        }
        String s = rs.getString(i);
        return s == null ? null : UUID.fromString(s);
    }

    /** Column {@code i} as read by generated mappers ({@code getDate}); null for SQL NULL. */
    public static LocalDate getDate(ResultSet rs, int i, Engine e) throws SQLException {
        if (e == Engine.SQLITE) {
            String s = rs.getString(i);
            return s == null ? null : LocalDate.parse(s);
        }
        return rs.getObject(i, LocalDate.class);
    }

    /** Column {@code i} as read by generated mappers ({@code getTime}); null for SQL NULL. */
    public static LocalTime getTime(ResultSet rs, int i, Engine e) throws SQLException {
        if (e == Engine.SQLITE) {
            String s = rs.getString(i);
            return s == null ? null : LocalTime.parse(s);
        }
        return rs.getObject(i, LocalTime.class);
    }

    /** Column {@code i} as read by generated mappers ({@code getInstant}); null for SQL NULL. */
    public static Instant getInstant(ResultSet rs, int i, Engine e) throws SQLException {
        switch (e.family()) {
            case POSTGRESQL -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
            case SQLITE -> {
                String s = rs.getString(i);
                return s == null ? null : Instant.parse(s);
            }
            default -> {
                // Written in UTC by the binder, so the wall clock read back is UTC whatever the JVM's zone.
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                return t == null ? null : t.toInstant(ZoneOffset.UTC);
            }
        }
    }

    /** Column {@code i} as read by generated mappers ({@code getOffsetDateTime}); null for SQL NULL. */
    public static OffsetDateTime getOffsetDateTime(ResultSet rs, int i, Engine e) throws SQLException {
        Instant t = getInstant(rs, i, e);
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /**
     * Column {@code i} as read by generated mappers ({@code getLocalDateTime}); null for SQL NULL. On SQLite the
     * text may also use a space instead of {@code T} and any number of fraction digits (as SQLite's own
     * {@code datetime()} and imported data do).
     */
    public static LocalDateTime getLocalDateTime(ResultSet rs, int i, Engine e) throws SQLException {
        if (e == Engine.SQLITE) {
            String s = rs.getString(i);
            if (s == null) {
                return null;
            }
            if (s.length() > 10 && s.charAt(10) == ' ') {
                s = s.substring(0, 10) + 'T' + s.substring(11);
            }
            return LocalDateTime.parse(s);
        }
        return rs.getObject(i, LocalDateTime.class);
    }

    /** Column {@code i} as read by generated mappers ({@code getDuration}); null for SQL NULL. */
    public static Duration getDuration(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return v == 0 && rs.wasNull() ? null : Duration.of(v, ChronoUnit.MICROS);
    }

    public static <E extends Enum<E>> E getEnum(ResultSet rs, int i, Class<E> type) throws SQLException {
        String s = rs.getString(i);
        return s == null ? null : Enum.valueOf(type, s);
    }

    public static <E extends Enum<E>> E getEnumOrdinal(ResultSet rs, int i, E[] values) throws SQLException {
        int v = rs.getInt(i);
        return v == 0 && rs.wasNull() ? null : values[v];
    }

    /** Column {@code i} as read by generated mappers ({@code getJson}); null for SQL NULL. */
    public static JsonNode getJson(ResultSet rs, int i) throws SQLException {
        return getJson(rs, i, JsonNode.class);
    }

    /** Column {@code i} as read by generated mappers ({@code getJson}); null for SQL NULL. */
    public static <T> T getJson(ResultSet rs, int i, Class<T> type) throws SQLException {
        String s = rs.getString(i);
        if (s == null) {
            return null;
        }
        try {
            return JSON.readValue(s, type);
        } catch (JsonProcessingException ex) {
            throw new SQLException("column " + i + " does not hold valid JSON for " + type.getSimpleName() + ": "
                    + ex.getOriginalMessage(), ex);
        }
    }

    /** Column {@code i} as read by generated mappers ({@code getBytes}); null for SQL NULL. */
    public static byte[] getBytes(ResultSet rs, int i) throws SQLException {
        return rs.getBytes(i);
    }

    /** Column {@code i} as read by generated mappers ({@code getInet}); null for SQL NULL. */
    public static InetAddress getInet(ResultSet rs, int i) throws SQLException {
        String s = rs.getString(i);
        if (s == null) {
            return null;
        }
        try {
            return InetAddress.getByName(s); // a literal address: no name lookup happens
        } catch (UnknownHostException ex) {
            throw new SQLException("column " + i + " holds '" + s + "', which is not an IP address", ex);
        }
    }

    /**
     * Column {@code i}, a PostgreSQL array, as an unmodifiable list of {@code element} values in order (null elements
     * kept), read with {@link ResultSet#getArray(int)}; null for SQL NULL. Replace the list to change the field:
     * an edit in place would not be seen by the dirty check. Dates and times are read element by element as a
     * scalar column of their type is ({@code getObject(i, LocalDate.class)} …), never through
     * {@code java.sql.Date}/{@code Timestamp}, which the JVM's time zone would shift (a wall-clock time in a
     * daylight-saving gap, microseconds of a {@code time}).
     *
     * @param where the model field and column for the error message
     *              ({@code field Tagged.scores (column tagged.scores)}); null to name the result's column
     * @throws SQLException for a value of more than one dimension, which a list would hold wrongly: naming the
     *                      column, and the native-typed String or JSON field that holds it
     */
    public static <E> java.util.List<E> getList(ResultSet rs, int i, Class<E> element, String where)
            throws SQLException {
        java.sql.Array a = rs.getArray(i);
        if (a == null) {
            return null;
        }
        try {
            Class<?> target = element == Object.class ? temporalOf(a.getBaseTypeName()) : element;
            java.util.List<Object> out = new java.util.ArrayList<>();
            if (target == LocalDate.class || target == LocalDateTime.class || target == LocalTime.class
                    || target == Instant.class || target == OffsetDateTime.class) {
                try (ResultSet elements = a.getResultSet()) {
                    if (elements.getMetaData().getColumnType(2) == java.sql.Types.ARRAY) {
                        throw dimensions(rs, i, a, where);
                    }
                    Class<?> read = target == Instant.class ? OffsetDateTime.class : target;
                    while (elements.next()) {
                        Object v = elements.getObject(2, read);
                        out.add(v instanceof OffsetDateTime t ? target == Instant.class ? t.toInstant()
                                : t.toInstant().atOffset(ZoneOffset.UTC) : v);
                    }
                }
            } else {
                Object[] values = (Object[]) a.getArray();
                for (Object v : values) {
                    if (v != null && v.getClass().isArray()) {
                        throw dimensions(rs, i, a, where);
                    }
                    out.add(arrayElement(v, element));
                }
            }
            @SuppressWarnings("unchecked")
            java.util.List<E> list = (java.util.List<E>) java.util.Collections.unmodifiableList(out);
            return list;
        } finally {
            a.free();
        }
    }

    /** {@link #getList(ResultSet, int, Class, String)} naming the result's column in an error. */
    public static <E> java.util.List<E> getList(ResultSet rs, int i, Class<E> element) throws SQLException {
        return getList(rs, i, element, null);
    }

    /** The java.time type of a date or time element type (pgjdbc's base type name), else Object. */
    private static Class<?> temporalOf(String baseType) {
        return switch (baseType == null ? "" : baseType) {
            case "date" -> LocalDate.class;
            case "timestamp" -> LocalDateTime.class;
            case "timestamptz" -> OffsetDateTime.class;
            case "time" -> LocalTime.class;
            default -> Object.class;
        };
    }

    /** The error for an array value of more than one dimension in a list field. */
    private static SQLException dimensions(ResultSet rs, int i, java.sql.Array a, String where) throws SQLException {
        int dims = 0;
        for (Object v = a.getArray(); v instanceof Object[] o && o.length > 0; v = o[0]) {
            dims++;
        }
        String column = where != null ? where : "column " + rs.getMetaData().getColumnLabel(i);
        String nativeType = a.getBaseTypeName() + "[]".repeat(Math.max(dims, 2));
        return new SQLException(column + " holds a " + dims + "-dimensional array, which a List field cannot hold "
                + "without losing its shape (a list is one dimension): declare the field as a String with "
                + "@Column(nativeType = \"" + nativeType + "\") (the array in its text form, {{1,2},{3,4}}), or keep "
                + "the nested lists in a JSON field (@Column(type = FieldType.JSON))");
    }

    /** An element as the driver hands it, widened or narrowed to the field's element type where they differ. */
    private static Object arrayElement(Object v, Class<?> element) {
        if (v == null || element.isInstance(v)) {
            return v;
        }
        if (v instanceof Number n) {
            if (element == Long.class) {
                return n.longValue();
            } else if (element == Integer.class) {
                return n.intValue();
            } else if (element == Short.class) {
                return n.shortValue();
            } else if (element == Double.class) {
                return n.doubleValue();
            } else if (element == Float.class) {
                return n.floatValue();
            } else if (element == BigDecimal.class) {
                return new BigDecimal(n.toString());
            }
        }
        if (element == String.class) {
            return v.toString();
        }
        if (element == UUID.class) {
            return UUID.fromString(v.toString());
        }
        return v;
    }

    /**
     * Reads a column as the Java type a query declared ({@code Field.type()}): used for values() and aggregates,
     * where the engine's own object type would differ between engines (SQLite hands back Integer for BIGINT).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object read(ResultSet rs, int i, Class<?> type, Engine e) throws SQLException {
        if (type == Long.class) {
            return getLong(rs, i);
        } else if (type == Integer.class) {
            return getInteger(rs, i);
        } else if (type == Short.class) {
            return getShort(rs, i);
        } else if (type == String.class) {
            return rs.getString(i);
        } else if (type == BigDecimal.class) {
            return rs.getBigDecimal(i);
        } else if (type == Double.class) {
            return getDouble(rs, i);
        } else if (type == Float.class) {
            return getFloat(rs, i);
        } else if (type == Boolean.class) {
            return getBoolean(rs, i);
        } else if (type == UUID.class) {
            return getUuid(rs, i, e);
        } else if (type == LocalDate.class) {
            return getDate(rs, i, e);
        } else if (type == LocalTime.class) {
            return getTime(rs, i, e);
        } else if (type == Instant.class) {
            return getInstant(rs, i, e);
        } else if (type == OffsetDateTime.class) {
            return getOffsetDateTime(rs, i, e);
        } else if (type == LocalDateTime.class) {
            return getLocalDateTime(rs, i, e);
        } else if (type == byte[].class) {
            return rs.getBytes(i);
        } else if (type == Json.class) {
            String s = rs.getString(i);
            return s == null ? null : Json.of(s);
        } else if (type.isEnum()) {
            return getEnum(rs, i, (Class) type);
        } else if (type == java.util.List.class) {
            return getList(rs, i, Object.class);
        }
        return rs.getObject(i);
    }
}
