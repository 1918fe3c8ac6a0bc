package io.covet.orm.records;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.covet.core.Database;
import io.covet.orm.DoesNotExist;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.RecordQuery;
import io.covet.orm.ValidationException;
import io.covet.orm.types.AllTypes_;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records as models: immutable values saved whole, read back through their canonical constructor. */
class RecordModelTest {
    private static final LocalDateTime NOON = LocalDateTime.parse("2026-11-27T12:00:00.123456");

    private static Orm orm(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Reading_.TYPE, Rate_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static Reading reading(String sensor, String value, int minutes) {
        return new Reading(null, sensor, new BigDecimal(value), NOON.plusMinutes(minutes), Reading.Unit.CELSIUS,
                JsonNodeFactory.instance.objectNode().put("probe", sensor), minutes % 2 == 0);
    }

    private static List<String> rows(Database db) {
        return db.sql("SELECT id, sensor, value FROM reading ORDER BY id")
                .list(rs -> rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getBigDecimal(3).stripTrailingZeros()
                        .toPlainString());
    }

    @AllEngines
    void aSavedRecordComesBackWithItsGeneratedKeyAndReadsBackEqual(Scratch s) {
        Orm orm = orm(s);
        Reading sent = reading("t1", "21.500", 0);
        Reading saved = orm.save(sent);
        assertThat(saved.id()).isNotNull();
        assertThat(saved).isNotSameAs(sent).isEqualTo(new Reading(saved.id(), sent.sensor(), sent.value(),
                sent.takenAt(), sent.unit(), sent.extra(), sent.calibrated()));
        Reading read = orm.records(Reading_.TYPE).get((Object) saved.id());
        assertThat(read).isEqualTo(saved);

        Reading bare = orm.save(new Reading(null, "t2", new BigDecimal("0.000"), NOON, null, null, false));
        assertThat(orm.records(Reading_.TYPE).get((Object) bare.id())).isEqualTo(bare);
        assertThat(bare.id()).isNotEqualTo(saved.id());
    }

    @AllEngines
    void saveWritesEveryColumnByKeyAndInsertsWhenNoRowHasIt(Scratch s) {
        Orm orm = orm(s);
        Database db = s.db();
        Reading a = orm.save(reading("t1", "1.000", 0));
        Reading b = orm.save(reading("t2", "2.000", 1));
        Reading changed = a.withValue("9.250");
        assertThat(orm.save(changed)).isSameAs(changed);
        assertThat(rows(db)).containsExactly(a.id() + "/t1/9.25", b.id() + "/t2/2");

        // a key no row has: inserted with that key
        Reading explicit = new Reading(1000L, "t9", new BigDecimal("3.000"), NOON, null, null, true);
        assertThat(orm.save(explicit)).isSameAs(explicit);
        assertThat(orm.records(Reading_.TYPE).get((Object) 1000L)).isEqualTo(explicit);

        // a composite key: the second save of the same key replaces the value
        LocalDate day = LocalDate.parse("2026-11-27");
        orm.save(new Rate("EUR", day, new BigDecimal("1.050000")));
        orm.save(new Rate("EUR", day.minusDays(1), new BigDecimal("1.040000")));
        orm.save(new Rate("EUR", day, new BigDecimal("1.060000")));
        assertThat(orm.records(Rate_.TYPE).count()).isEqualTo(2);
        assertThat(orm.records(Rate_.TYPE).get(Rate_.CURRENCY.eq("EUR").and(Rate_.DAY.eq(day))).value())
                .isEqualTo(new BigDecimal("1.060000"));
        assertThat(orm.records(Rate_.TYPE).first().orElseThrow().day()).isEqualTo(day.minusDays(1));

        assertThat(orm.delete(changed)).isEqualTo(1);
        assertThat(orm.delete(changed)).isZero();
        assertThat(orm.delete(new Rate("EUR", day, BigDecimal.ONE))).isEqualTo(1);
        assertThat(rows(db)).containsExactly(b.id() + "/t2/2", "1000/t9/3");
        assertThat(orm.records(Rate_.TYPE).count()).isEqualTo(1);
    }

    @AllEngines
    void recordQueriesFilterOrderSliceCountUpdateAndDelete(Scratch s) {
        Orm orm = orm(s);
        for (int i = 0; i < 6; i++) {
            orm.save(reading(i < 3 ? "a" : "b", i + ".000", i));
        }
        RecordQuery<Reading> all = orm.records(Reading_.TYPE);
        // default ordering: newest first
        assertThat(all.list()).extracting(r -> r.value().intValue()).containsExactly(5, 4, 3, 2, 1, 0);
        assertThat(all.filter(Reading_.SENSOR.eq("a")).orderBy(Reading_.TAKEN_AT.asc()).offset(1).first()
                .orElseThrow().value()).isEqualByComparingTo("1");
        assertThat(all.exclude(Reading_.SENSOR.eq("a")).count()).isEqualTo(3);
        assertThat(all.filter(Reading_.TAKEN_AT.gt(NOON.plusMinutes(3))).count()).isEqualTo(2);
        assertThat(all.limit(4).count()).isEqualTo(4);
        assertThat(all.filter(Reading_.CALIBRATED.eq(true)).exists()).isTrue();
        assertThat(all.filter(Reading_.SENSOR.eq("zzz")).exists()).isFalse();
        assertThat(all.filter(Reading_.SENSOR.eq("b")).update(Reading_.SENSOR.set("c"))).isEqualTo(3);
        assertThat(all.filter(Reading_.SENSOR.eq("c")).delete()).isEqualTo(3);
        assertThat(all.list()).extracting(Reading::sensor).containsExactly("a", "a", "a");
        assertThatThrownBy(() -> all.get(Reading_.SENSOR.eq("zzz"))).isInstanceOf(DoesNotExist.class);
    }

    @AllEngines
    void invalidRecordsAndMisuseAreRefusedWithoutWriting(Scratch s) {
        Orm orm = orm(s);
        Database db = s.db();
        Reading ok = orm.save(reading("t1", "1.000", 0));
        assertThatThrownBy(() -> orm.save(ok.withValue("1.000").withSensor("a-sensor-name-too-long")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("sensor: ensure this value has at most 12 characters (it has 22)");
        assertThatThrownBy(() -> orm.save(new Rate(null, LocalDate.EPOCH, BigDecimal.ONE)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Rate is not valid: currency: this field cannot be null");
        Orm unchecked = Orm.builder().database(db).models(Reading_.TYPE, Rate_.TYPE).validateOnSave(false).build();
        assertThatThrownBy(() -> unchecked.save(new Rate(null, LocalDate.EPOCH, BigDecimal.ONE)))
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("Rate.currency is part of the primary key and null: set it before saving. Nothing was "
                        + "written.");
        assertThatThrownBy(() -> Reading_.TYPE.set(ok, 1, "x"))
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("Reading is a record, so its field sensor cannot be assigned: build a new record instead");
        assertThatThrownBy(() -> orm.records(Rate_.TYPE).get((Object) "EUR"))
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("get(primaryKey) needs a single primary-key value, but Rate has a composite primary key "
                        + "(currency, day): use get(Condition) with a condition on each key field");
        Orm other = Orm.builder().database(db).models(AllTypes_.TYPE).build();
        assertThatThrownBy(() -> other.save(ok))
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("io.covet.orm.records.Reading is not a registered record model: annotate it with @Model "
                        + "and add Reading_.TYPE to Orm.builder().models(...)");
        assertThat(rows(db)).containsExactly(ok.id() + "/t1/1");
        assertThat(orm.records(Rate_.TYPE).count()).isZero();
    }
}
