package io.covet.observe;

import example.app.Workload;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slow-query log. A threshold of one nanosecond makes every statement slow, so the tests do not depend on how
 * fast the machine is.
 */
class SlowQueryLogTest {
    private static final String SECRET = "Slow-Secret-4417";

    @AllEngines
    void aSlowStatementIsLoggedWithShapeDurationRowsDatabaseCallerAndMaskedValues(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry)
                .slowQueryThreshold(Duration.ofNanos(1)).build();
             LogCapture log = new LogCapture()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40))").execute();
            Workload.addItem(db, 1, SECRET);
            Workload.itemsNamed(db, SECRET);

            String select = MetricsTest.fingerprint("SELECT id, name FROM item WHERE name = ?");
            String line = log.text().lines().filter(l -> l.contains("shape " + select)).findFirst().orElseThrow();
            assertThat(line).contains("WARN io.covet.observe.slow")
                    .contains("slow query on database 'shop'")
                    .contains(" ms, 1 rows")
                    .contains("caller example.app.Workload.itemsNamed(Workload.java:")
                    .contains("SELECT id, name FROM item WHERE name = ?")
                    .contains("with parameters [***]")
                    .doesNotContain(SECRET);
            assertThat(log.text()).doesNotContain(SECRET);

            SlowQuery q = obs.slowQueries().stream().filter(x -> x.fingerprint().equals(select)).findFirst()
                    .orElseThrow();
            assertThat(q.database()).isEqualTo("shop");
            assertThat(q.rows()).isEqualTo(1);
            assertThat(q.durationMillis()).isPositive();
            assertThat(q.parameters()).containsExactly("***");
            assertThat(q.caller()).startsWith("example.app.Workload.itemsNamed(");
            assertThat(q.tables()).containsExactly("item");
            assertThat(q.plan()).isEmpty();
            assertThat(registry.find("covet.db.client.slow_queries").tag("covet.shape", select).counter().count())
                    .isEqualTo(1);
        }
    }

    @AllEngines
    void valuesAreShownOnlyWhenOptedIn(Scratch s) {
        try (Observability obs = Observability.builder().slowQueryThreshold(Duration.ofNanos(1)).showValues(true)
                .build(); LogCapture log = new LogCapture()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40))").execute();
            Workload.itemsNamed(db, "visible-value");
            assertThat(log.text()).contains("with parameters [visible-value]");
        }
    }

    @AllEngines
    void theLogIsRateLimitedPerShapeButEverySlowQueryIsKeptAndCounted(Scratch s) {
        try (Observability obs = Observability.builder().slowQueryThreshold(Duration.ofNanos(1))
                .slowLogInterval(Duration.ofHours(1)).build(); LogCapture log = new LogCapture()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40))").execute();
            for (int i = 0; i < 5; i++) {
                Workload.itemsNamed(db, "x" + i);
            }
            Workload.addItem(db, 1, "y");
            String select = MetricsTest.fingerprint("SELECT id, name FROM item WHERE name = ?");
            String insert = MetricsTest.fingerprint("INSERT INTO item (id, name) VALUES (?, ?)");
            assertThat(log.text().lines().filter(l -> l.contains("shape " + select))).hasSize(1);
            assertThat(log.text().lines().filter(l -> l.contains("shape " + insert))).hasSize(1);
            assertThat(obs.slowQueries().stream().filter(q -> q.fingerprint().equals(select))).hasSize(5);
        }
    }

    @AllEngines
    void thePlanOfASlowSelectIsCapturedOnAnotherConnectionAndWritesAreNeverExplained(Scratch s) {
        try (Observability obs = Observability.builder().slowQueryThreshold(Duration.ofNanos(1))
                .explainSlowQueries(true).build(); LogCapture log = new LogCapture()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40))").execute();
            Workload.addItem(db, 1, SECRET);
            Workload.itemsNamed(db, SECRET);
            SlowQuery select = obs.slowQueries().stream().filter(q -> q.operation().equals("SELECT")).findFirst()
                    .orElseThrow();
            assertThat(select.plan()).isPresent();
            assertThat(select.plan().get()).containsIgnoringCase("item").doesNotContain(SECRET);
            assertThat(log.text()).contains("plan:").doesNotContain(SECRET);
            SlowQuery insert = obs.slowQueries().stream().filter(q -> q.operation().equals("INSERT")).findFirst()
                    .orElseThrow();
            assertThat(insert.plan()).isEmpty();
            // the write ran once: explaining never re-executes it
            assertThat(db.sql("SELECT COUNT(*) AS n FROM item").list().get(0).getLong("n")).isEqualTo(1);
        }
    }

    @AllEngines
    void theThresholdComesFromTheDatabasesSettingAndZeroTurnsTheLogOff(Scratch s) {
        try (Observability obs = Observability.builder().slowQueryThreshold(Duration.ofNanos(1)).build();
             LogCapture log = new LogCapture()) {
            Database fast = obs.open(DatabaseConfig.builder("quiet", s.url())
                    .observability("slow-query-threshold", "PT0S").build());
            fast.sql("SELECT 1").list();
            Database slow = obs.open(DatabaseConfig.builder("loud", s.url())
                    .observability("slow-query-threshold", "1h").build());
            slow.sql("SELECT 1").list();
            assertThat(obs.slowQueries()).isEmpty();
            assertThat(log.text()).doesNotContain("slow query");
        }
    }
}
