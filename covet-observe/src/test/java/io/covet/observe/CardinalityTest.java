package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.observe.internal.ShapeTable;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory is bounded whatever the workload: 100,000 distinct statement shapes leave at most 1,000 tracked shapes
 * (the rest in {@code other}), at most 100 tagged shapes on the meters, and a bounded text index. The budget
 * stated in docs: per database at most {@code maxShapes} entries of about 5.5 KB (a 592-bucket histogram and the
 * sample text), {@code 4 × maxShapes} remembered texts, and meters for {@code maxTaggedShapes + 1} shape tags, in
 * all under 16 MB with the defaults; checked here by counting, and by the heap after a collection (under 32 MB of
 * growth, where unbounded tracking of 100,000 shapes would take several hundred).
 * The engine does not matter to the bound (shapes are counted client-side), so this runs on SQLite in memory.
 */
class CardinalityTest {

    @Test
    void aHundredThousandDistinctShapesStayWithinTheBudget() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            Database db = obs.open(DatabaseConfig.builder("main", "sqlite::memory:").build());
            db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY)").execute();
            for (int i = 0; i < 2_000; i++) { // warm up the JIT and the meters before the baseline
                db.sql("SELECT id AS w" + i + " FROM t").list();
            }
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            for (int i = 0; i < 100_000; i++) {
                db.sql("SELECT id AS c" + i + " FROM t WHERE id = ?", i).list();
            }
            ShapeStats stats = obs.shapes("main");
            assertThat(stats.size()).isEqualTo(1_000);
            ShapeSnapshot other = stats.get(ShapeTable.OTHER).orElseThrow();
            assertThat(other.calls()).isEqualTo(100_000 + 2_000 + 1 - 1_000);
            assertThat(stats.all(ShapeSort.CALLS)).hasSize(1_001);

            Set<String> shapeTags = new HashSet<>();
            for (Meter m : registry.getMeters()) {
                String shape = m.getId().getTag("covet.shape");
                if (shape != null) {
                    shapeTags.add(shape);
                }
            }
            assertThat(shapeTags).hasSize(101).contains("other");
            // shapes 101 to 1,000 are tracked one by one but tagged 'other' on the meters, as are the folded ones
            long otherOnMeters = registry.find("db.client.operation.duration").tag("covet.shape", "other").timers()
                    .stream().mapToLong(Timer::count).sum();
            assertThat(otherOnMeters).isEqualTo(other.calls() + 900);
            assertThat(registry.find("db.client.operation.duration").tag("covet.shape", "other").timers())
                    .allSatisfy(t -> assertThat(t.getId().getTag("db.operation.name")).isIn("SELECT", "DDL"));
            // per shape tag: the timer, its three percentile gauges and the row summary (5 meters), plus the few
            // meters of the pool and of the database; a meter per distinct shape would make 100,000 and more
            int meters = registry.getMeters().size();
            System.out.println("CardinalityTest: " + meters + " meters, " + stats.size() + " tracked shapes");
            assertThat(meters).isLessThanOrEqualTo(5 * 102 + 40);

            System.gc();
            long grown = memory.getHeapMemoryUsage().getUsed() - baseline;
            assertThat(grown).as("heap growth after 100,000 shapes").isLessThan(32L * 1024 * 1024);
        }
    }
}
