package io.covet.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A value bound as an SQL array (PostgreSQL): the binder creates it with
 * {@link java.sql.Connection#createArrayOf(String, Object[])} from the element type's name and the elements, so the
 * server receives a typed array. Dates and times ({@code LocalDate}, {@code LocalDateTime}, {@code LocalTime},
 * {@code Instant}, {@code OffsetDateTime}) are sent in the text pgjdbc sends for a scalar of the same type (instants
 * at UTC, microseconds rounded half up), so neither the JVM's nor the session's time zone changes what is stored.
 * Engines without arrays (MariaDB, SQLite) have no such value;
 * the ORM refuses array fields there before anything is bound.
 *
 * @param elementType the element type's name as the driver knows it, e.g. {@code int4}, {@code text},
 *                    {@code varchar}, {@code bpchar}, {@code numeric}, {@code uuid}, {@code date}, {@code timestamp},
 *                    {@code timestamptz}, {@code time}
 * @param elements    the elements in order (nulls allowed); an unmodifiable copy is kept
 */
public record SqlArray(String elementType, List<Object> elements) {
    /** Requires the element type; copies the elements (nulls kept). */
    public SqlArray {
        Objects.requireNonNull(elementType, "elementType");
        elements = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(elements, "elements")));
    }

    /** The array of {@code elements} with elements of {@code elementType}. */
    public static SqlArray of(String elementType, List<?> elements) {
        return new SqlArray(elementType, new ArrayList<>(elements));
    }

    /**
     * PostgreSQL's array literal of {@code elements}, what {@code COPY} reads into an array column:
     * {@code {"1",NULL,"a \"b\""}}, every non-null element quoted in the text it is bound as.
     */
    public static String literal(List<?> elements) {
        return io.covet.core.internal.PgArrayText.literal(elements);
    }

    @Override
    public String toString() {
        return elementType + elements;
    }
}
