package io.covet.orm.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One nullable field of every type, for round trips. */
@Model(table = "all_types")
public class AllTypes extends Entity {
    @PrimaryKey
    Long id;
    @Column(nullable = true)
    Integer anInt;
    @Column(nullable = true)
    Long aLong;
    @Column(nullable = true)
    Short aShort;
    @Column(nullable = true, precision = 15, scale = 4)
    BigDecimal aDecimal;
    @Column(nullable = true)
    Double aDouble;
    @Column(nullable = true)
    Float aFloat;
    @Column(nullable = true)
    Boolean aBoolean;
    @Column(nullable = true, maxLength = 40)
    String aString;
    @Column(nullable = true, type = FieldType.TEXT)
    String aText;
    @Column(nullable = true, type = FieldType.EMAIL)
    String anEmail;
    @Column(nullable = true, type = FieldType.URL)
    String aUrl;
    @Column(nullable = true, type = FieldType.SLUG)
    String aSlug;
    @Column(nullable = true)
    UUID aUuid;
    @Column(nullable = true)
    LocalDate aDate;
    @Column(nullable = true)
    LocalTime aTime;
    @Column(nullable = true)
    Instant anInstant;
    @Column(nullable = true)
    OffsetDateTime anOffsetDateTime;
    @Column(nullable = true)
    LocalDateTime aLocalDateTime;
    @Column(nullable = true)
    Duration aDuration;
    @Column(nullable = true)
    Mood aMood;
    @Column(nullable = true, type = FieldType.ENUM_INT)
    Mood aMoodOrdinal;
    @Column(nullable = true, type = FieldType.JSON)
    JsonNode aJson;
    @Column(nullable = true, type = FieldType.JSON)
    Point aPoint;
    @Column(nullable = true)
    byte[] someBytes;
    @Column(nullable = true)
    InetAddress anIp;
    int aPrimitiveInt;
    boolean aPrimitiveBoolean;

    Object primaryKeyOf() {
        return id;
    }
}
