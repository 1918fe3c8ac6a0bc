package io.covet.core.internal;

import io.covet.core.pool.SizingPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The sizing policies' decisions under scripted samples (a fake clock in ms): pure, no pool, no wall clock. */
class SizerTest {
    private static long ms(long m) {
        return Duration.ofMillis(m).toNanos();
    }

    @Test
    void fixedNeverMoves() {
        Sizer s = new Sizer(SizingPolicy.fixed(), 10);
        for (int t = 0; t < 100; t++) {
            assertThat(s.observe(ms(t * 100), 0, 50)).isEqualTo(10);
        }
        assertThat(s.keepAtMost()).isEqualTo(10);
    }

    @Test
    void dynamicGrowsOnlyAfterCallersWaitedAWholeWindowAndStopsAtTheCeiling() {
        Sizer s = new Sizer(SizingPolicy.dynamic(14, 2, 3, Duration.ofMillis(1000), Duration.ofMillis(5000)), 10);
        // Waiting callers at or below the threshold never grow the pool.
        for (int t = 0; t <= 3000; t += 100) {
            assertThat(s.observe(ms(t), 0, 3)).isEqualTo(10);
        }
        // Above the threshold: nothing until the window has passed ...
        assertThat(s.observe(ms(3100), 0, 4)).isEqualTo(10);
        assertThat(s.observe(ms(4000), 0, 9)).isEqualTo(10);
        // ... then one step.
        assertThat(s.observe(ms(4100), 0, 9)).isEqualTo(12);
        // The clock restarted with the change: a further step needs a new whole window.
        assertThat(s.observe(ms(4200), 0, 9)).isEqualTo(12);
        assertThat(s.observe(ms(5199), 0, 9)).isEqualTo(12);
        assertThat(s.observe(ms(6200), 0, 9)).isEqualTo(14);
        // At the ceiling it stays.
        assertThat(s.observe(ms(9000), 0, 9)).isEqualTo(14);
        assertThat(s.observe(ms(20000), 0, 9)).isEqualTo(14);
    }

    @Test
    void dynamicWaitingThatStopsInsideTheWindowDoesNotGrow() {
        Sizer s = new Sizer(SizingPolicy.dynamic(20, 1, 0, Duration.ofMillis(1000), Duration.ofMillis(5000)), 10);
        assertThat(s.observe(ms(0), 0, 2)).isEqualTo(10);
        assertThat(s.observe(ms(900), 0, 2)).isEqualTo(10);
        assertThat(s.observe(ms(950), 0, 0)).isEqualTo(10); // queue emptied: the window restarts
        assertThat(s.observe(ms(1100), 0, 2)).isEqualTo(10);
        assertThat(s.observe(ms(2000), 0, 2)).isEqualTo(10);
        assertThat(s.observe(ms(2100), 0, 2)).isEqualTo(11);
    }

    @Test
    void dynamicShrinksWithHysteresisAndNeverBelowTheBase() {
        Sizer s = new Sizer(SizingPolicy.dynamic(12, 1, 0, Duration.ZERO, Duration.ofMillis(3000)), 10);
        assertThat(s.observe(ms(0), 0, 5)).isEqualTo(11);
        assertThat(s.observe(ms(100), 0, 5)).isEqualTo(12);
        // Idle but for less than the shrink window: stays.
        assertThat(s.observe(ms(200), 4, 0)).isEqualTo(12);
        assertThat(s.observe(ms(3000), 4, 0)).isEqualTo(12);
        // Fewer idle connections than a step, or a waiting caller, restarts the idle clock.
        assertThat(s.observe(ms(3100), 0, 0)).isEqualTo(12);
        assertThat(s.observe(ms(3200), 4, 0)).isEqualTo(12);
        assertThat(s.observe(ms(6100), 4, 0)).isEqualTo(12);
        assertThat(s.observe(ms(6200), 4, 0)).isEqualTo(11);
        assertThat(s.keepAtMost()).isEqualTo(11);
        assertThat(s.observe(ms(9200), 4, 0)).isEqualTo(11);
        assertThat(s.observe(ms(12100), 4, 0)).isEqualTo(11);
        assertThat(s.observe(ms(12200), 4, 0)).isEqualTo(10);
        assertThat(s.observe(ms(60000), 10, 0)).isEqualTo(10);
    }

    @Test
    void overflowOpensUpToTheExtraAndKeepsOnlyTheBase() {
        Sizer s = new Sizer(SizingPolicy.overflow(5), 10);
        assertThat(s.maximum()).isEqualTo(15);
        assertThat(s.keepAtMost()).isEqualTo(10);
        assertThat(s.observe(ms(0), 0, 100)).isEqualTo(15);
        assertThat(s.observe(ms(100000), 15, 0)).isEqualTo(15);
    }
}
