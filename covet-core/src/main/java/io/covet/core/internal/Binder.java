package io.covet.core.internal;

import io.covet.core.engine.Engine;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.UUID;

/**
 * Binds Java values to statement parameters the way each engine stores them. Every value Covet sends goes
 * through here; nothing is ever spliced into SQL text.
 *
 * <p>Instants are stored in UTC: {@code timestamptz} on PostgreSQL, a UTC {@code DATETIME} on MariaDB, fixed-width
 * ISO-8601 text with microseconds on SQLite ({@code 2024-03-01T12:30:00.000000Z}, so that text order is time order;
 * the shortest form {@code Instant.toString()} gives would put {@code …:00Z} after {@code …:00.5Z}). Local date-times are fixed-width ISO-8601 text with microseconds on SQLite
 * ({@code 2024-03-01T12:30:00.000000}), so that they compare and sort as text. UUIDs are native on PostgreSQL and text elsewhere; enums bind by name.
 * What differs by engine is bound by the engine's {@link EngineSpecifics}.
 */
public final class Binder {
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
            EngineSpecifics.of(engine).bindDecimal(ps, index, d);
        } else if (v instanceof Short n) {
            ps.setShort(index, n);
        } else if (v instanceof Float f) {
            ps.setFloat(index, f);
        } else if (v instanceof Byte n) {
            ps.setShort(index, n);
        } else if (v instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (v instanceof Instant t) {
            EngineSpecifics.of(engine).bindInstant(ps, index, t);
        } else if (v instanceof OffsetDateTime t) {
            EngineSpecifics.of(engine).bindInstant(ps, index, t.toInstant());
        } else if (v instanceof ZonedDateTime t) {
            EngineSpecifics.of(engine).bindInstant(ps, index, t.toInstant());
        } else if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime) {
            EngineSpecifics.of(engine).bindLocal(ps, index, (Temporal) v);
        } else if (v instanceof UUID u) {
            EngineSpecifics.of(engine).bindUuid(ps, index, u);
        } else if (v instanceof io.covet.core.SqlArray a) {
            EngineSpecifics.of(engine).bindArray(ps, index, a);
        } else if (v instanceof io.covet.core.NativeText t) {
            EngineSpecifics.of(engine).bindNativeText(ps, index, t.text());
        } else if (v instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (v instanceof Character c) {
            ps.setString(index, c.toString());
        } else {
            ps.setObject(index, v);
        }
    }
}
