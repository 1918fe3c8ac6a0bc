package io.covet.backup.internal;

import io.covet.core.engine.Engine;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads column values into the archive's normalised Java forms ({@code Long, Double, BigDecimal, Boolean, String,
 * byte[], LocalDate, LocalTime, LocalDateTime, Instant}) so that the same data read from any engine yields equal
 * values, and converts them back for a target engine.
 */
public final class Values {
    private static final DateTimeFormatter SQLITE_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Values() {
    }

    /** Reads column {@code i} (one-based) of the current row as the normalised form of {@code type}. */
    public static Object read(ResultSet rs, int i, PortableType type, Engine engine) throws SQLException {
        // engine fact: SQLite returns each value in its own storage class, whatever the declared type
        if (engine.family() == Engine.SQLITE) {
            return coerce(rs.getObject(i), type);
        }
        Object v = switch (type) {
            case SMALLINT, INTEGER, BIGINT -> rs.getLong(i);
            case BOOLEAN -> rs.getBoolean(i);
            case DECIMAL -> rs.getBigDecimal(i);
            case REAL -> (double) rs.getFloat(i);
            case DOUBLE -> rs.getDouble(i);
            case BYTES -> rs.getBytes(i);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIME -> rs.getObject(i, LocalTime.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            // engine fact: only PostgreSQL's driver returns a timestamptz with its offset
            case TIMESTAMPTZ -> engine.family() == Engine.POSTGRESQL
                    ? toInstant(rs.getObject(i, OffsetDateTime.class))
                    : toInstant(rs.getObject(i, LocalDateTime.class));
            default -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }

    private static Instant toInstant(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
    }

    /**
     * Coerces a dynamically typed SQLite value to {@code type}; a value that does not fit (SQLite lets a column
     * hold anything) is kept as it is, so nothing is lost or invented.
     */
    static Object coerce(Object v, PortableType type) {
        if (v == null) {
            return null;
        }
        try {
            return switch (type) {
                case SMALLINT, INTEGER, BIGINT -> v instanceof Number n && !(v instanceof Double) ? (Object) n.longValue()
                        : v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) d.longValue() : plain(v);
                case BOOLEAN -> v instanceof Number n ? (Object) (n.longValue() != 0) : bool(v);
                case DECIMAL -> v instanceof Double d ? new BigDecimal(Double.toString(d))
                        : v instanceof Number n ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(v.toString());
                case REAL -> v instanceof Number n ? (Object) (double) n.floatValue() : plain(v);
                case DOUBLE -> v instanceof Number n ? (Object) n.doubleValue() : plain(v);
                case BYTES -> plain(v);
                case DATE -> v instanceof String s ? LocalDate.parse(s.strip()) : plain(v);
                case TIME -> v instanceof String s ? LocalTime.parse(s.strip()) : plain(v);
                case TIMESTAMP -> v instanceof String s ? LocalDateTime.parse(s.strip().replace(' ', 'T')) : plain(v);
                case TIMESTAMPTZ -> v instanceof String s ? instant(s.strip()) : plain(v);
                default -> v instanceof byte[] ? v : v instanceof Number ? plain(v) : v.toString();
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return plain(v);
        }
    }

    private static Object bool(Object v) {
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "t", "true", "1" -> Boolean.TRUE;
            case "f", "false", "0" -> Boolean.FALSE;
            default -> plain(v);
        };
    }

    private static Instant instant(String s) {
        String t = s.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        }
    }

    /** A raw SQLite value in its own storage class. */
    private static Object plain(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        return v instanceof byte[] ? v : v.toString();
    }

    /**
     * The canonical form of a value for checksums: decimals without trailing zeros, fixed-width text without its
     * padding (engines disagree on whether they keep it). Everything else is already canonical.
     */
    public static Object canonical(Object v, PortableType type) {
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }
        if (type == PortableType.CHAR && v instanceof String s) {
            return s.stripTrailing();
        }
        return v;
    }

    /** Converts a normalised value to what the target engine's loader should be given. */
    public static Object forTarget(Object v, Engine target) {
        // engine fact: SQLite has no date, time or exact decimal types, so such values are stored as text
        if (target.family() != Engine.SQLITE || v == null) {
            return v;
        }
        if (v instanceof LocalDateTime t) {
            // SQLite's own formats, so its date functions and text comparisons keep working and its own values come
            // back as they were written: datetime() has no fraction, strftime('%f') three digits (milliseconds);
            // finer fractions keep their significant digits. Only a '.000' written by '%f' comes back without it.
            String base = t.format(SQLITE_TS);
            if (t.getNano() == 0) {
                return base;
            }
            String fraction = String.format(Locale.ROOT, "%09d", t.getNano());
            int end = fraction.length();
            while (end > 3 && fraction.charAt(end - 1) == '0') {
                end--;
            }
            return base + "." + fraction.substring(0, end);
        }
        if (v instanceof LocalDate || v instanceof LocalTime || v instanceof Instant) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            // as text: a NUMERIC column turns it into a number when that is exact, a wide (TEXT) one keeps every digit
            return d.toPlainString();
        }
        return v;
    }
}
