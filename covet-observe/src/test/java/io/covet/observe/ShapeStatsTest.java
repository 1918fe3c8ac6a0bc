package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.UniqueViolation;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-shape statistics in memory, like pg_stat_statements but on every engine and with percentiles. */
class ShapeStatsTest {

    @AllEngines
    void eachShapeHasItsCallsErrorsRowsDurationsAndASampleWithoutValues(Scratch s) {
        try (Observability obs = Observability.builder().build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            Instant before = Instant.now();
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE)").execute();
            for (int i = 1; i <= 20; i++) {
                db.sql("INSERT INTO item (id, name) VALUES (?, ?)", i, "n" + i).tables(List.of("item")).execute();
            }
            assertThatThrownBy(() -> db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 99, "n1")
                    .tables(List.of("item")).execute()).isInstanceOf(UniqueViolation.class);
            for (int i = 0; i < 7; i++) {
                // IN lists of different lengths are one shape
                db.sql("SELECT id FROM item WHERE id IN (" + "?,".repeat(i) + "?)", ids(i + 1))
                        .tables(List.of("item")).list();
            }
            ShapeStats stats = obs.shapes("shop");
            ShapeSnapshot insert = stats.get(MetricsTest.fingerprint("INSERT INTO item (id, name) VALUES (?, ?)"))
                    .orElseThrow();
            assertThat(insert.calls()).isEqualTo(21);
            assertThat(insert.errors()).isEqualTo(1);
            assertThat(insert.rows()).isEqualTo(20);
            assertThat(insert.operation()).isEqualTo("INSERT");
            assertThat(insert.tables()).containsExactly("item");
            assertThat(insert.sql()).isEqualTo("INSERT INTO item (id, name) VALUES (?, ?)");
            assertThat(insert.minMillis()).isPositive().isLessThanOrEqualTo(insert.p50Millis());
            assertThat(insert.p50Millis()).isLessThanOrEqualTo(insert.p95Millis());
            assertThat(insert.p95Millis()).isLessThanOrEqualTo(insert.p99Millis());
            assertThat(insert.p99Millis()).isLessThanOrEqualTo(insert.maxMillis());
            assertThat(insert.meanMillis()).isCloseTo(insert.totalMillis() / 21, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(insert.firstSeen()).isAfterOrEqualTo(before.minusMillis(1))
                    .isBeforeOrEqualTo(insert.lastSeen());

            ShapeSnapshot in = stats.get(MetricsTest.fingerprint("SELECT id FROM item WHERE id IN (?)")).orElseThrow();
            assertThat(in.calls()).isEqualTo(7);
            assertThat(in.rows()).isEqualTo(1 + 2 + 3 + 4 + 5 + 6 + 7);

            List<ShapeSnapshot> byCalls = stats.top(ShapeSort.CALLS, 2);
            assertThat(byCalls).extracting(ShapeSnapshot::fingerprint).containsExactly(insert.fingerprint(),
                    in.fingerprint());
            List<ShapeSnapshot> byTotal = stats.all(ShapeSort.TOTAL);
            assertThat(byTotal).isSortedAccordingTo((a, b) -> Double.compare(b.totalMillis(), a.totalMillis()));
            List<ShapeSnapshot> byP99 = stats.all(ShapeSort.P99);
            assertThat(byP99).isSortedAccordingTo((a, b) -> Double.compare(b.p99Millis(), a.p99Millis()));
            assertThat(stats.top(ShapeSort.P99, 0)).isEmpty();
            assertThatThrownBy(() -> stats.top(ShapeSort.P99, -1)).isInstanceOf(IllegalArgumentException.class);

            stats.reset();
            assertThat(stats.all(ShapeSort.CALLS)).isEmpty();
            db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 50, "again").tables(List.of("item")).execute();
            assertThat(stats.get(insert.fingerprint()).orElseThrow().calls()).isEqualTo(1);
        }
    }

    private static List<Object> ids(int n) {
        List<Object> out = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }
}
