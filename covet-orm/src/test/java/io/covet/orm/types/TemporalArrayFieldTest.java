package io.covet.orm.types;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.orm.Orm;
import io.covet.schema.Introspector;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Array fields of {@code LocalDate}, {@code LocalDateTime}, {@code Instant}, {@code OffsetDateTime},
 * {@code LocalTime} and {@code char(n)} strings on PostgreSQL: created as {@code date[]}, {@code timestamp[]},
 * {@code timestamptz[]}, {@code time[]}, {@code character(3)[]}; values around daylight-saving changes, before year
 * 1 and past 9999 round-trip exactly with a JVM time zone that is not UTC (the elements are neither built nor read
 * as {@code java.sql.Timestamp}); each lookup on dates and instants; bulk inserts and COPY. A value of two
 * dimensions read into a List field is refused, naming the column and the alternative. MariaDB and SQLite refuse
 * the model.
 */
class TemporalArrayFieldTest {
    /** A zone with daylight saving: 2024-03-10 02:30 does not exist there, 2024-11-03 01:30 happens twice. */
    private static final TimeZone NEW_YORK = TimeZone.getTimeZone("America/New_York");

    @AllEngines
    void temporalAndFixedLengthArraysRoundTripExactly(Scratch s) {
        Database db = s.db();
        if (s.engine() != Engine.POSTGRESQL) {
            List<String> before = Introspector.read(db).tableNames();
            assertThatThrownBy(() -> Orm.builder().database(db).models(Dated_.TYPE).build())
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("array field Dated.days (List<LocalDate>, a PostgreSQL array column) is not supported "
                            + "by " + s.engine().displayName() + ". Store the list in a JSON field (@Column(type = "
                            + "FieldType.JSON) on the List), or in a model of its own with a foreign key to Dated.");
            assertThat(Introspector.read(db).tableNames()).isEqualTo(before);
            return;
        }
        TimeZone jvm = TimeZone.getDefault();
        TimeZone.setDefault(NEW_YORK);
        try {
            roundTrips(db);
        } finally {
            TimeZone.setDefault(jvm);
        }
    }

    private static void roundTrips(Database db) {
        Orm orm = Orm.builder().database(db).models(Dated_.TYPE).build();
        orm.createTables();
        assertThat(db.sql("SELECT attname, format_type(atttypid, atttypmod) t FROM pg_attribute WHERE attrelid = "
                + "'dated'::regclass AND attnum > 1 ORDER BY attnum").list(r -> r.getString(1) + " " + r.getString(2)))
                .containsExactly("days date[]", "stamps timestamp without time zone[]",
                        "instants timestamp with time zone[]", "moments timestamp with time zone[]",
                        "times time without time zone[]", "codes character(3)[]", "grid integer[]");

        Dated a = new Dated();
        a.id = 1L;
        a.days = Arrays.asList(LocalDate.of(2024, 3, 10), null, LocalDate.of(-5, 1, 1), LocalDate.of(12000, 1, 1),
                LocalDate.of(1500, 2, 28));
        a.stamps = List.of(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 123_456_000),
                LocalDateTime.of(2024, 11, 3, 1, 30), LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1000));
        a.instants = List.of(Instant.parse("2024-11-03T05:30:00.000001Z"), Instant.parse("2024-11-03T06:30:00.999999Z"),
                Instant.parse("2024-03-10T07:30:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z"));
        a.moments = List.of(OffsetDateTime.of(2024, 3, 31, 2, 30, 0, 500_000_000, ZoneOffset.UTC));
        a.times = List.of(LocalTime.of(2, 30), LocalTime.of(23, 59, 59, 999_999_000), LocalTime.MIDNIGHT);
        a.codes = List.of("ab", "xyz");
        Dated b = new Dated();
        b.id = 2L;
        b.days = List.of(LocalDate.of(2024, 3, 11));
        b.instants = List.of(Instant.parse("2024-11-03T05:30:00.000001Z"));
        orm.save(a);
        orm.save(b);

        Dated back = orm.objects(Dated.class).get(1L);
        assertThat(back.days).isEqualTo(a.days);
        assertThat(back.stamps).isEqualTo(a.stamps);
        assertThat(back.instants).isEqualTo(a.instants);
        assertThat(back.moments).isEqualTo(a.moments);
        assertThat(back.times).isEqualTo(a.times);
        assertThat(back.codes).containsExactly("ab ", "xyz"); // char(3) pads, as a scalar char(3) field reads
        // what the server holds, in a session at UTC: the wall-clock times as written, the instants exact
        db.atomicRun(tx -> {
            db.sql("SET LOCAL TIME ZONE 'UTC'").execute();
            assertThat(db.sql("SELECT days::text d, stamps::text s, instants::text i, times::text t FROM dated "
                    + "WHERE id = 1").list(r -> r.getString("d") + " " + r.getString("s") + " " + r.getString("i")
                    + " " + r.getString("t"))).containsExactly("{2024-03-10,NULL,\"0006-01-01 BC\",12000-01-01,"
                    + "1500-02-28} {\"2024-03-10 02:30:00.123456\",\"2024-11-03 01:30:00\",\"1900-01-01 00:00:00.000001\"} "
                    + "{\"2024-11-03 05:30:00.000001+00\",\"2024-11-03 06:30:00.999999+00\",\"2024-03-10 07:30:00+00\","
                    + "\"1969-12-31 23:59:59.999999+00\"} {02:30:00,23:59:59.999999,00:00:00}");
        });
        // a session in another zone reads the same instants (the server's text carries the offset)
        db.atomicRun(tx -> {
            db.sql("SET LOCAL TIME ZONE 'Asia/Kolkata'").execute();
            Dated there = orm.objects(Dated.class).get(1L);
            assertThat(there.instants).isEqualTo(a.instants);
            assertThat(there.stamps).isEqualTo(a.stamps);
        });

        // every lookup on dates and on instants
        assertThat(ids(orm, Dated_.DAYS.eq(List.of(LocalDate.of(2024, 3, 11))))).containsExactly(2L);
        assertThat(ids(orm, Dated_.DAYS.arrayContains(List.of(LocalDate.of(-5, 1, 1))))).containsExactly(1L);
        assertThat(ids(orm, Dated_.DAYS.arrayContainedBy(List.of(LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 12)))))
                .containsExactly(2L);
        assertThat(ids(orm, Dated_.DAYS.arrayOverlaps(List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 11)))))
                .containsExactlyInAnyOrder(1L, 2L);
        Instant fallBack = Instant.parse("2024-11-03T05:30:00.000001Z");
        assertThat(ids(orm, Dated_.INSTANTS.eq(List.of(fallBack)))).containsExactly(2L);
        assertThat(ids(orm, Dated_.INSTANTS.arrayContains(List.of(Instant.parse("2024-11-03T06:30:00.999999Z")))))
                .containsExactly(1L);
        assertThat(ids(orm, Dated_.INSTANTS.arrayContainedBy(List.of(fallBack)))).containsExactly(2L);
        assertThat(ids(orm, Dated_.INSTANTS.arrayOverlaps(List.of(fallBack)))).containsExactlyInAnyOrder(1L, 2L);
        assertThat(ids(orm, Dated_.STAMPS.arrayContains(List.of(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 123_456_000)))))
                .containsExactly(1L);
        assertThat(ids(orm, Dated_.MOMENTS.arrayContains(List.of(OffsetDateTime.of(2024, 3, 31, 4, 30, 0, 500_000_000,
                ZoneOffset.ofHours(2)))))).containsExactly(1L); // the same instant at another offset
        assertThat(ids(orm, Dated_.TIMES.arrayContains(List.of(LocalTime.of(2, 30))))).containsExactly(1L);
        assertThat(ids(orm, Dated_.CODES.arrayContains(List.of("ab")))).containsExactly(1L);

        // an update replaces the list; bulkCreate binds arrays, bulkLoad sends COPY text
        back.days = List.of(LocalDate.of(2000, 2, 29));
        orm.save(back);
        assertThat(orm.objects(Dated.class).get(1L).days).containsExactly(LocalDate.of(2000, 2, 29));
        orm.objects(Dated.class).bulkCreate(batch(10, 12));
        assertThat(orm.objects(Dated.class).bulkLoad(batch(20, 22))).isEqualTo(2);
        for (long id : new long[]{11, 21}) {
            Dated copied = orm.objects(Dated.class).get(id);
            Dated expected = batch(id, id + 1).get(0);
            assertThat(copied.days).isEqualTo(expected.days);
            assertThat(copied.stamps).isEqualTo(expected.stamps);
            assertThat(copied.instants).isEqualTo(expected.instants);
            assertThat(copied.times).isEqualTo(expected.times);
        }

        // a value of two dimensions (PostgreSQL does not enforce a column's declared dimensions) is not flattened
        db.sql("INSERT INTO dated (id, grid, days) VALUES (3, '{{1,2},{3,4}}', '{{2024-01-01},{2024-01-02}}')").execute();
        assertThatThrownBy(() -> orm.objects(Dated.class).get(3L))
                .hasMessageContaining("field Dated.days (column dated.days) holds a 2-dimensional array, which a List "
                        + "field cannot hold without losing its shape (a list is one dimension): declare the field as "
                        + "a String with @Column(nativeType = \"date[][]\") (the array in its text form, "
                        + "{{1,2},{3,4}}), or keep the nested lists in a JSON field (@Column(type = FieldType.JSON))");
        db.sql("UPDATE dated SET days = NULL WHERE id = 3").execute();
        assertThatThrownBy(() -> orm.objects(Dated.class).get(3L))
                .hasMessageContaining("field Dated.grid (column dated.grid) holds a 2-dimensional array")
                .hasMessageContaining("@Column(nativeType = \"int4[][]\")");
        assertThat(db.sql("SELECT grid::text g FROM dated WHERE id = 3").list(r -> r.getString("g")))
                .containsExactly("{{1,2},{3,4}}");
    }

    private static List<Dated> batch(long from, long to) {
        List<Dated> many = new ArrayList<>();
        for (long i = from; i < to; i++) {
            Dated d = new Dated();
            d.id = i;
            d.days = Arrays.asList(LocalDate.of(2024, 3, 10).plusDays(i), null, LocalDate.of(-1, 12, 31));
            d.stamps = List.of(LocalDateTime.of(2024, 3, 10, 2, (int) i, 0, 999_999_000));
            d.instants = List.of(Instant.parse("2024-11-03T05:30:00.000001Z").plusSeconds(i));
            d.times = List.of(LocalTime.of(23, 59, 59, 999_999_000));
            many.add(d);
        }
        return many;
    }

    private static List<Long> ids(Orm orm, io.covet.sql.Condition c) {
        return orm.objects(Dated.class).filter(c).list().stream().map(d -> d.id).toList();
    }
}
