package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.FaultProxy;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Health: a validation round trip, the pool, contributors; readiness and liveness kept apart. */
class HealthTest {

    @AllEngines
    void anOpenDatabaseIsUpWithItsRoundTripAndPool(Scratch s) {
        try (Observability obs = Observability.builder().build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            long before = obs.shapes("shop").all(ShapeSort.CALLS).stream().mapToLong(ShapeSnapshot::calls).sum();
            Health h = obs.health("shop");
            assertThat(h.status()).isEqualTo(Health.Status.UP);
            assertThat(h.engine()).isEqualTo(s.engine().scheme());
            assertThat(h.roundTripMillis()).isGreaterThanOrEqualTo(0);
            assertThat(h.ready()).isTrue();
            assertThat(h.live()).isTrue();
            PoolUsage pool = h.pool().orElseThrow();
            assertThat(pool.max()).isEqualTo(db.config().maxPoolSize());
            assertThat(pool.active()).isZero();
            assertThat(h.checks()).extracting(Health.Check::name).containsExactly("connection", "pool");
            assertThat(h.checks().get(0).data()).containsKey("roundTripMillis");
            assertThat(h.checks().get(1).data()).containsKeys("active", "idle", "pending", "max");
            // the probe is not the application's statement
            assertThat(obs.shapes("shop").all(ShapeSort.CALLS).stream().mapToLong(ShapeSnapshot::calls).sum())
                    .isEqualTo(before);
            assertThat(obs.ready()).isTrue();
            assertThat(obs.live()).isTrue();
        }
    }

    @AllEngines
    void aServerThatGoesAwayIsDownNotReadyButLiveAndUpAgainWhenItReturns(Scratch s) throws Exception {
        if (s.engine() == Engine.SQLITE) {
            // an embedded engine has no server to lose; its database is down once closed
            try (Observability obs = Observability.builder().build()) {
                Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
                assertThat(obs.health("shop").status()).isEqualTo(Health.Status.UP);
                db.close();
                Health h = obs.health("shop");
                assertThat(h.status()).isEqualTo(Health.Status.DOWN);
                assertThat(h.ready()).isFalse();
                assertThat(h.live()).isTrue();
            }
            return;
        }
        DatabaseUrl real = DatabaseUrl.parse(s.url());
        try (FaultProxy proxy = new FaultProxy(real.host().orElseThrow(), real.port());
             Observability obs = Observability.builder().build()) {
            String viaProxy = s.url().replace(real.location(), "127.0.0.1:" + proxy.port());
            obs.open(DatabaseConfig.builder("shop", viaProxy).connectionTimeout(Duration.ofMillis(500)).build());
            assertThat(obs.health("shop").status()).isEqualTo(Health.Status.UP);

            proxy.mode(FaultProxy.Mode.REFUSE);
            Health down = obs.health("shop");
            assertThat(down.status()).isEqualTo(Health.Status.DOWN);
            assertThat(down.roundTripMillis()).isEqualTo(-1);
            assertThat(down.checks().get(0).detail()).startsWith("cannot run SELECT 1 on " + s.engine().displayName());
            assertThat(down.ready()).isFalse();
            assertThat(down.live()).isTrue();
            assertThat(obs.ready()).isFalse();
            assertThat(obs.snapshot().toJson()).contains("\"DOWN\"");

            proxy.mode(FaultProxy.Mode.PASS);
            // the pool replaces its dead connections in the background: ask until it has (bounded, not timed)
            Health back = obs.health("shop");
            for (int i = 0; i < 50 && back.status() != Health.Status.UP; i++) {
                Thread.sleep(100);
                back = obs.health("shop");
            }
            assertThat(back.status()).isEqualTo(Health.Status.UP);
            assertThat(obs.ready()).isTrue();
        }
    }

    @AllEngines
    void anExhaustedPoolIsDegradedAndNotQueried(Scratch s) throws Exception {
        try (Observability obs = Observability.builder().build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).maxPoolSize(1)
                    .connectionTimeout(Duration.ofSeconds(30)).build());
            CountDownLatch waiting = new CountDownLatch(1);
            try (Connection held = db.dataSource().getConnection()) {
                Thread waiter = new Thread(() -> {
                    waiting.countDown();
                    try (Connection c = db.dataSource().getConnection()) {
                        c.isValid(1);
                    } catch (Exception ignored) {
                        // closed with the database
                    }
                });
                waiter.start();
                waiting.await();
                while (HealthProbe.pool(db.dataSource()).orElseThrow().pending() == 0) {
                    Thread.onSpinWait();
                }
                Health h = obs.health("shop");
                assertThat(h.status()).isEqualTo(Health.Status.DEGRADED);
                assertThat(h.ready()).isTrue();
                assertThat(h.pool().orElseThrow().exhausted()).isTrue();
                assertThat(h.checks().get(0).detail()).contains("not checked");
                assertThat(h.checks().get(1).detail()).contains("pool exhausted");
            }
        }
    }

    @AllEngines
    void contributorsAddChecksAndTheirFailureIsReportedNotThrown(Scratch s) {
        try (Observability obs = Observability.builder()
                .healthContributor(db -> new Health.Check("replica", Health.Status.DEGRADED, "lag 12 s",
                        Map.of("lagSeconds", 12), false, false)).build()) {
            obs.open(DatabaseConfig.builder("shop", s.url()).build());
            Health h = obs.health("shop");
            assertThat(h.status()).isEqualTo(Health.Status.DEGRADED);
            assertThat(h.ready()).isTrue();
            obs.addHealthContributor("shop", db -> Health.Check.of("migrations", Health.Status.DOWN, "2 pending"));
            h = obs.health("shop");
            assertThat(h.status()).isEqualTo(Health.Status.DOWN);
            assertThat(h.ready()).isFalse();
            assertThat(h.live()).isTrue();
            obs.addHealthContributor("shop", db -> {
                throw new IllegalStateException("boom");
            });
            assertThat(obs.health("shop").checks()).anySatisfy(c -> assertThat(c.detail())
                    .isEqualTo("health contributor failed: IllegalStateException"));
            obs.addHealthContributor("shop", db -> new Health.Check("deadlock", Health.Status.DOWN, "stuck", Map.of(),
                    false, true));
            assertThat(obs.live()).isFalse();
        }
    }

    @AllEngines
    void anUnknownOrUnattachedDatabaseIsAClearError(Scratch s) {
        try (Observability obs = Observability.builder().build()) {
            assertThatThrownBy(() -> obs.health("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no database 'nope' is instrumented");
            obs.instrument(DatabaseConfig.builder("later", s.url()).build());
            assertThatThrownBy(() -> obs.health("later")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not attached");
        }
    }
}
