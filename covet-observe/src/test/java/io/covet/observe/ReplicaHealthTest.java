package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.replica.ReplicaConfig;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A database with a replica: its health has a "replicas" check that turns DEGRADED (still ready) while the replica
 * is over its maximum lag, and {@code covet.replica.lag} follows the measured lag.
 */
class ReplicaHealthTest {

    private static Health awaitStatus(Observability obs, Health.Status status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Health h = obs.health("shop");
            if (h.status() == status) {
                return h;
            }
            if (System.nanoTime() > deadline) {
                fail("health stayed " + h.status() + ": " + h.checks());
            }
            Thread.sleep(20);
        }
    }

    @ReplicaEngines
    void lagOverTheMaximumDegradesHealthAndShowsInTheGauge(ReplicaPair pair) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", pair.primaryUrl()).meterRegistry(registry)
                    .replicas(ReplicaConfig.builder().replica(pair.replicaUrl(), 1, Duration.ofMillis(300))
                            .lagCheckInterval(Duration.ofMillis(50)).build()).build());
            db.sql("CREATE TABLE h (id INT PRIMARY KEY)").execute();
            pair.control().awaitCaughtUp(Duration.ofSeconds(30));
            Health up = awaitStatus(obs, Health.Status.UP);
            assertThat(up.checks()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("replicas");
                assertThat(c.detail()).isEqualTo("1 replica(s) serving reads");
            });
            String replica = pair.control().replicaServer().location();
            var gauge = registry.get("covet.replica.lag").tag("covet.database", "shop").tag("replica", replica)
                    .gauge();

            pair.control().pauseReplay();
            db.sql("INSERT INTO h (id) VALUES (1)").execute();
            Health degraded = awaitStatus(obs, Health.Status.DEGRADED);
            assertThat(degraded.ready()).isTrue();
            assertThat(degraded.checks()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("replicas");
                assertThat(c.status()).isEqualTo(Health.Status.DEGRADED);
                assertThat(c.detail()).startsWith("1 of 1 replica(s) not serving reads: " + replica);
            });
            assertThat(gauge.value()).isGreaterThan(0.3);

            pair.control().resumeReplay();
            awaitStatus(obs, Health.Status.UP);
        }
    }

    @ReplicaEngines
    void aReplicaDownAtOpenDegradesHealthUntilItJoins(ReplicaPair pair) throws Exception {
        String url = pair.replicaUrl();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        pair.control().kill();
        boolean restarted = false;
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            obs.open(DatabaseConfig.builder("shop", pair.primaryUrl()).meterRegistry(registry)
                    .replicas(ReplicaConfig.builder().replica(url).lagCheckInterval(Duration.ofMillis(50)).build())
                    .build());
            Health degraded = awaitStatus(obs, Health.Status.DEGRADED);
            assertThat(degraded.ready()).isTrue();
            assertThat(degraded.checks()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("replicas");
                assertThat(c.detail()).contains("unreachable since the database opened");
            });
            assertThat(registry.get("covet.replica.serving").tag("covet.database", "shop").gauge().value())
                    .isZero();
            pair.control().restart();
            restarted = true;
            awaitStatus(obs, Health.Status.UP);
            assertThat(registry.get("covet.replica.role.failures").tag("covet.database", "shop").functionCounter()
                    .count()).isZero();
        } finally {
            if (!restarted) {
                pair.control().restart();
            }
        }
    }
}
