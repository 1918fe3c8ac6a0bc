package io.covet.backup;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {
    static final ZonedDateTime T = ZonedDateTime.of(2026, 11, 27, 5, 24, 46, 0, ZoneOffset.UTC); // a Friday

    @Test
    void nextFiringTimes() {
        assertThat(CronSchedule.parse("* * * * *").next(T)).isEqualTo(T.withSecond(0).withMinute(25));
        assertThat(CronSchedule.parse("30 2 * * *").next(T)).isEqualTo(at(11, 28, 2, 30));
        assertThat(CronSchedule.parse("*/15 * * * *").next(T)).isEqualTo(at(11, 27, 5, 30));
        assertThat(CronSchedule.parse("0 9-17/4 * * *").next(T)).isEqualTo(at(11, 27, 9, 0));
        assertThat(CronSchedule.parse("0 0 * * 0").next(T)).isEqualTo(at(11, 29, 0, 0)); // Sunday
        assertThat(CronSchedule.parse("0 0 * * 7").next(T)).isEqualTo(at(11, 29, 0, 0));
        assertThat(CronSchedule.parse("0 0 1 * *").next(T)).isEqualTo(at(12, 1, 0, 0));
        assertThat(CronSchedule.parse("0 0 29 2 *").next(T)).isEqualTo(ZonedDateTime.of(2028, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC));
        // both day fields restricted: either matches (the 1st, or any Monday)
        assertThat(CronSchedule.parse("0 12 1 * 1").next(T)).isEqualTo(at(11, 30, 12, 0));
        assertThat(CronSchedule.parse("5,35 * * * *").next(T)).isEqualTo(at(11, 27, 5, 35));
    }

    @Test
    void invalidExpressionsNameTheProblem() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessageContaining("4 fields");
        assertThatThrownBy(() -> CronSchedule.parse("60 * * * *")).hasMessageContaining("60 is outside 0-59");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * MON")).hasMessageContaining("'MON' is not a number");
        assertThatThrownBy(() -> CronSchedule.parse("0 5-1 * * *")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 31 2 *").next(T)).hasMessageContaining("never fires");
    }

    private static ZonedDateTime at(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, ZoneOffset.UTC);
    }
}
