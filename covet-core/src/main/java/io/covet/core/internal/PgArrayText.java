package io.covet.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoEra;
import java.util.List;

/**
 * PostgreSQL's text form of an array element, as {@link io.covet.core.SqlArray} sends it: dates and times the way
 * pgjdbc sends a scalar of the same Java type (microseconds rounded half up, years before 1 as {@code BC}, years
 * past 9999 in full, {@code LocalDate.MAX}/{@code MIN} as {@code infinity}/{@code -infinity}), instants at UTC, so
 * an element and a scalar field of one value store the same thing whatever the JVM's or the session's time zone.
 * Other elements are their {@code toString()}. Not an API.
 */
public final class PgArrayText {
    private PgArrayText() {
    }

    /** The elements with each date or time replaced by its text (others, nulls included, unchanged). */
    public static Object[] elements(List<Object> elements) {
        Object[] out = elements.toArray();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof java.time.temporal.Temporal) {
                out[i] = text(out[i]);
            }
        }
        return out;
    }

    /**
     * PostgreSQL's array literal of the elements, what {@code COPY} reads into an array column:
     * {@code {"1","2",NULL,"a \"b\""}} (every non-null element quoted, quotes and backslashes escaped).
     */
    public static String literal(List<?> values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                b.append("NULL");
            } else {
                b.append('"').append(text(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return b.append('}').toString();
    }

    /** One element's text. */
    public static String text(Object v) {
        if (v instanceof LocalDate d) {
            return date(d);
        } else if (v instanceof LocalDateTime t) {
            return t.equals(LocalDateTime.MAX) ? "infinity" : t.equals(LocalDateTime.MIN) ? "-infinity" : dateTime(t);
        } else if (v instanceof Instant t) {
            return dateTime(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC)) + "+00";
        } else if (v instanceof OffsetDateTime t) {
            return t.equals(OffsetDateTime.MAX) ? "infinity" : t.equals(OffsetDateTime.MIN) ? "-infinity"
                    : text(t.toInstant());
        } else if (v instanceof LocalTime t) {
            LocalTime r = roundToMicros(t);
            // engine fact: 23:59:59.9999995 rounds up to 24:00:00, which PostgreSQL's time holds (pgjdbc sends the same)
            return r.isBefore(t) ? "24:00:00" : time(r);
        }
        return v.toString();
    }

    private static String dateTime(LocalDateTime t) {
        LocalDateTime r = t.withNano(0).plusNanos((t.getNano() + 500L) / 1000 * 1000);
        return date(r.toLocalDate()) + " " + time(r.toLocalTime());
    }

    private static String date(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return "infinity";
        } else if (d.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        boolean bc = d.getEra() == IsoEra.BCE;
        int year = bc ? 1 - d.getYear() : d.getYear();
        return String.format("%04d-%02d-%02d%s", year, d.getMonthValue(), d.getDayOfMonth(), bc ? " BC" : "");
    }

    private static LocalTime roundToMicros(LocalTime t) {
        return t.withNano(0).plusNanos((t.getNano() + 500L) / 1000 * 1000);
    }

    private static String time(LocalTime t) {
        return String.format("%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    }
}
