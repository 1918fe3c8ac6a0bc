package io.covet.observe;

import io.covet.observe.internal.LatencyHistogram;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-shape histogram's percentiles stay within its stated error of the exact ones. */
class LatencyHistogramTest {

    @Test
    void percentilesAreWithinThreePercentOfTheExactOnes() {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = new long[20_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // log-uniform from 1 µs to 10 s, like statement durations
            values[i] = (long) Math.exp(random.nextDouble() * Math.log(10_000_000));
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            double tolerance = Math.max(1, exact * 0.035);
            assertThat(h.percentile(q)).as("p%s", q * 100).isCloseTo(exact, org.assertj.core.data.Offset.offset(tolerance));
        }
        assertThat(h.count()).isEqualTo(values.length);
    }

    @Test
    void smallValuesAreExactAndHugeOnesAreCountedInTheLastBucket() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 10; i++) {
            h.record(7);
        }
        assertThat(h.percentile(0.5)).isEqualTo(7.0);
        h.clear();
        assertThat(h.percentile(0.5)).isZero();
        h.record(Long.MAX_VALUE);
        h.record(-5);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentile(1.0)).isPositive();
    }
}
