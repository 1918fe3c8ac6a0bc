package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.error.DataAccessException;
import io.covet.core.error.DatabaseUnavailable;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.core.resilience.BreakerState;
import io.covet.core.resilience.Resilience;
import io.covet.core.resilience.ResilienceSettings;
import io.covet.testing.AllEngines;
import io.covet.testing.FaultProxy;
import io.covet.testing.Scratch;
import io.covet.testing.TempFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The resilience layer as health and metrics show it: an open circuit breaker makes the database DOWN and not
 * ready (callers are refused), half-open or read-only DEGRADED, closed UP; the breaker's state and counters are
 * meters. The breaker is opened for real: a server behind a proxy that stops, a SQLite file whose directory is gone.
 */
class BreakerHealthTest {
    private static final ResilienceSettings QUICK = ResilienceSettings.builder().minimumCalls(2).slidingWindow(4)
            .failureRateThreshold(50).openDuration(Duration.ofMillis(500)).maxAttempts(1).build();

    @AllEngines
    void anOpenBreakerIsDownAndNotReadyThenUpOnceItCloses(Scratch s) throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        if (s.engine() == Engine.SQLITE) {
            Path dir = Files.createTempDirectory("covet-breaker-health-");
            try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
                Database db = obs.open(config("sqlite:" + dir.resolve("app.db")).maxPoolSize(2).build());
                db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY)").execute();
                TempFiles.deleteTree(dir);
                // one connection stays borrowed so the pool must open a new one, which cannot be opened
                try (Stream<Integer> held = db.sql("SELECT 1").stream(rs -> rs.getInt(1))) {
                    held.iterator().next();
                    openBreaker(db);
                    assertOpen(obs, registry, db);
                    Files.createDirectories(dir);
                    assertClosesAgain(obs, registry, db);
                }
            } finally {
                TempFiles.deleteTree(dir);
            }
            return;
        }
        DatabaseUrl real = DatabaseUrl.parse(s.url());
        try (FaultProxy proxy = new FaultProxy(real.host().orElseThrow(), real.port());
             Observability obs = Observability.builder().meterRegistry(registry).build()) {
            Database db = obs.open(config(s.url().replace(real.location(), "127.0.0.1:" + proxy.port())).build());
            assertThat(obs.health("shop").status()).isEqualTo(Health.Status.UP);
            assertThat(obs.health("shop").checks()).extracting(Health.Check::name).contains("breaker");
            proxy.mode(FaultProxy.Mode.REFUSE);
            openBreaker(db);
            assertOpen(obs, registry, db);
            proxy.mode(FaultProxy.Mode.PASS);
            assertClosesAgain(obs, registry, db);
        }
    }

    @AllEngines
    void readOnlyModeIsDegradedAndGauged(Scratch s) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            Database db = obs.open(config(s.url()).build());
            db.sql("CREATE TABLE ro_item (id INTEGER PRIMARY KEY)").execute();
            Resilience r = db.resilience().orElseThrow();
            r.readOnly(true);
            assertThatThrownBy(() -> db.sql("INSERT INTO ro_item (id) VALUES (1)").execute())
                    .isInstanceOf(ReadOnlyViolation.class);
            Health h = obs.health("shop");
            assertThat(h.status()).isEqualTo(Health.Status.DEGRADED);
            assertThat(h.ready()).isTrue();
            assertThat(check(h).detail()).isEqualTo("read-only mode: writes are refused");
            assertThat(registry.get("covet.resilience.read_only").tag("covet.database", "shop").gauge().value())
                    .isEqualTo(1);
            r.readOnly(false);
            assertThat(obs.health("shop").status()).isEqualTo(Health.Status.UP);
            assertThat(registry.get("covet.resilience.read_only").gauge().value()).isZero();
        }
    }

    private static DatabaseConfig.Builder config(String url) {
        return DatabaseConfig.builder("shop", url).resilience(QUICK).minIdle(0)
                .connectionTimeout(Duration.ofSeconds(1));
    }

    private static void openBreaker(Database db) {
        Resilience r = db.resilience().orElseThrow();
        for (int i = 0; i < 4 && r.state() == BreakerState.CLOSED; i++) {
            assertThat(catchThrowable(() -> db.sql("SELECT 1").list())).isInstanceOf(DataAccessException.class);
        }
        assertThat(r.state()).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> db.sql("SELECT 1").list()).isInstanceOf(DatabaseUnavailable.class);
    }

    private static void assertOpen(Observability obs, MeterRegistry registry, Database db) {
        Health h = obs.health("shop");
        assertThat(h.status()).isEqualTo(Health.Status.DOWN);
        assertThat(h.ready()).isFalse();
        assertThat(h.live()).isTrue();
        Health.Check breaker = check(h);
        assertThat(breaker.status()).isEqualTo(Health.Status.DOWN);
        assertThat(breaker.detail()).startsWith("circuit breaker open: calls are refused until the probe at ");
        assertThat(breaker.data()).containsEntry("state", "OPEN").containsEntry("timesOpened", 1L)
                .containsKey("nextProbe");
        assertThat(state(registry, "open")).isEqualTo(1);
        assertThat(state(registry, "closed")).isZero();
        assertThat(registry.get("covet.resilience.breaker.opened").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("covet.resilience.rejected").functionCounter().count()).isPositive();
        assertThat(db.resilience().orElseThrow().nextProbe()).isPresent();
    }

    private static void assertClosesAgain(Observability obs, MeterRegistry registry, Database db) throws Exception {
        Instant probe = db.resilience().orElseThrow().nextProbe().orElseThrow();
        while (Instant.now().isBefore(probe.plusMillis(50))) {
            Thread.sleep(50);
        }
        // the first call after the open duration is the probe; the pool may need a moment for a new connection
        Throwable last = null;
        for (int i = 0; i < 20 && db.resilience().orElseThrow().state() != BreakerState.CLOSED; i++) {
            last = catchThrowable(() -> db.sql("SELECT 1").list());
            if (last != null) {
                Thread.sleep(100);
            }
        }
        assertThat(db.resilience().orElseThrow().state()).as("last failure: %s", last).isEqualTo(BreakerState.CLOSED);
        assertThat(check(obs.health("shop")).status()).isEqualTo(Health.Status.UP);
        assertThat(state(registry, "closed")).isEqualTo(1);
        assertThat(state(registry, "open")).isZero();
    }

    private static Health.Check check(Health h) {
        return h.checks().stream().filter(c -> c.name().equals("breaker")).findFirst().orElseThrow();
    }

    private static double state(MeterRegistry registry, String state) {
        return registry.get("covet.resilience.breaker.state").tag("covet.database", "shop").tag("state", state)
                .gauge().value();
    }
}
