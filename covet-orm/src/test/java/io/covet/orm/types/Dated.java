package io.covet.orm.types;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

/** Array fields of dates, times and fixed-length text (PostgreSQL {@code date[]}, {@code timestamptz[]}, …). */
@Model(table = "dated")
public class Dated extends Entity {
    @PrimaryKey
    Long id;
    @Column(nullable = true)
    List<LocalDate> days;
    @Column(nullable = true)
    List<LocalDateTime> stamps;
    @Column(nullable = true)
    List<Instant> instants;
    @Column(nullable = true)
    List<OffsetDateTime> moments;
    @Column(nullable = true)
    List<LocalTime> times;
    @Column(nativeType = "char(3)", nullable = true)
    List<String> codes;
    @Column(nullable = true)
    List<Integer> grid;
}
