package io.covet.orm.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.covet.orm.Column;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A record model with a generated key and fields of several types; newest first by default. */
@Model(table = "reading", ordering = "-takenAt")
public record Reading(@PrimaryKey Long id,
                      @Column(maxLength = 12) String sensor,
                      @Column(precision = 10, scale = 3) BigDecimal value,
                      LocalDateTime takenAt,
                      @Column(nullable = true) Unit unit,
                      @Column(nullable = true, type = FieldType.JSON) JsonNode extra,
                      boolean calibrated) {

    /** Units of a reading. */
    public enum Unit { CELSIUS, PASCAL }

    /** This reading with another value. */
    Reading withValue(String v) {
        return new Reading(id, sensor, new BigDecimal(v), takenAt, unit, extra, calibrated);
    }

    /** This reading from another sensor. */
    Reading withSensor(String s) {
        return new Reading(id, s, value, takenAt, unit, extra, calibrated);
    }
}
