package io.covet.orm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.covet.orm.FieldType;
import io.covet.orm.spi.Jdbc;
import io.covet.sql.Json;

import java.net.InetAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Converts a field's Java value to the value bound for its column (the type of its metamodel column): the
 * write-side twin of {@link Jdbc}. Not an API.
 */
final class Values {
    private Values() {
    }

    /** The column value of a Java value of a field of {@code type}. */
    static Object toColumn(FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case DURATION -> {
                Duration d = (Duration) value;
                yield d.truncatedTo(ChronoUnit.MICROS).getSeconds() * 1_000_000L + d.getNano() / 1000;
            }
            case INET -> ((InetAddress) value).getHostAddress();
            case ENUM_INT -> ((Enum<?>) value).ordinal();
            case JSON -> {
                try {
                    yield Json.of(Jdbc.JSON.writeValueAsString(value));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName()
                            + " as JSON: " + e.getOriginalMessage(), e);
                }
            }
            default -> value;
        };
    }
}
