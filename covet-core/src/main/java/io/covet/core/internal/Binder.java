package io.covet.core.internal;

import io.covet.core.dialect.Engine;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Binds Java values to statement parameters the way each engine stores them. Every value Covet sends goes
 * through here; nothing is ever spliced into SQL text.
 *
 * <p>Instants are stored in UTC: {@code timestamptz} on PostgreSQL, a UTC {@code DATETIME} on MariaDB, fixed-width
 * ISO-8601 text with microseconds on SQLite ({@code 2024-03-01T12:30:00.000000Z}, so that text order is time order;
 * the shortest form {@code Instant.toString()} gives would put {@code …:00Z} after {@code …:00.5Z}). Local date-times are fixed-width ISO-8601 text with microseconds on SQLite
 * ({@code 2024-03-01T12:30:00.000000}), so that they compare and sort as text. UUIDs are native on PostgreSQL and text elsewhere; enums bind by name.
 */
public final class Binder {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final DateTimeFormatter SQLITE_LOCAL_DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Binder() {
    }

    /** Binds {@code params} to positions 1…n. */
    public static void bindAll(PreparedStatement ps, Engine engine, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            bind(ps, i + 1, params.get(i), engine);
        }
    }

    /** Binds {@code params} to positions 1…n. */
    public static void bindAll(PreparedStatement ps, Engine engine, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bind(ps, i + 1, params[i], engine);
        }
    }

    /** Binds one value at a one-based position. */
    public static void bind(PreparedStatement ps, int index, Object v, Engine engine) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.NULL);
        } else if (v instanceof String s) {
            ps.setString(index, s);
        } else if (v instanceof Integer n) {
            ps.setInt(index, n);
        } else if (v instanceof Long n) {
            ps.setLong(index, n);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (v instanceof Double d) {
            ps.setDouble(index, d);
        } else if (v instanceof BigDecimal d) {
            if (engine == Engine.SQLITE) {
                bindSqliteDecimal(ps, index, d);
            } else {
                ps.setBigDecimal(index, d);
            }
        } else if (v instanceof Short n) {
            ps.setShort(index, n);
        } else if (v instanceof Float f) {
            ps.setFloat(index, f);
        } else if (v instanceof Byte n) {
            ps.setShort(index, n);
        } else if (v instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (v instanceof Instant t) {
            bindInstant(ps, index, t, engine);
        } else if (v instanceof OffsetDateTime t) {
            bindInstant(ps, index, t.toInstant(), engine);
        } else if (v instanceof ZonedDateTime t) {
            bindInstant(ps, index, t.toInstant(), engine);
        } else if (v instanceof LocalDateTime t && engine == Engine.SQLITE) {
            // Fixed width (always six fraction digits) so that text comparison and ORDER BY follow time order;
            // LocalDateTime.toString() drops zero seconds and varies the fraction's width.
            ps.setString(index, SQLITE_LOCAL_DATETIME.format(t));
        } else if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime) {
            if (engine == Engine.SQLITE) {
                ps.setString(index, v.toString());
            } else {
                ps.setObject(index, v);
            }
        } else if (v instanceof UUID u) {
            if (engine == Engine.POSTGRESQL) {
                ps.setObject(index, u);
            } else {
                ps.setString(index, u.toString());
            }
        } else if (v instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (v instanceof Character c) {
            ps.setString(index, c.toString());
        } else {
            ps.setObject(index, v);
        }
    }

    /**
     * SQLite has no decimal type and xerial binds a BigDecimal as text, which compares as text against numbers
     * ({@code SUM(x) > '10'} is always true). Bind a number where that loses nothing: an integer for a value
     * written without a fraction that fits in a long, a double for up to 15 significant digits (what SQLite
     * itself keeps exactly, and what a NUMERIC column would convert the text into anyway). A value with a scale,
     * even 3.00, stays a double so that {@code x / ?} does not divide as integers. Wider values stay text, so
     * their digits survive in a TEXT column.
     */
    private static void bindSqliteDecimal(PreparedStatement ps, int index, BigDecimal d) throws SQLException {
        if (d.scale() <= 0 && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
            ps.setLong(index, d.longValueExact());
        } else if (d.precision() <= 15) {
            ps.setDouble(index, d.doubleValue());
        } else {
            ps.setString(index, d.toPlainString());
        }
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private static void bindInstant(PreparedStatement ps, int index, Instant t, Engine engine) throws SQLException {
        switch (engine.family()) {
            case POSTGRESQL -> ps.setObject(index, t.atOffset(ZoneOffset.UTC));
            case SQLITE -> ps.setString(index, SQLITE_INSTANT.format(t));
            default -> ps.setTimestamp(index, Timestamp.from(t), Calendar.getInstance(UTC));
        }
    }
}
