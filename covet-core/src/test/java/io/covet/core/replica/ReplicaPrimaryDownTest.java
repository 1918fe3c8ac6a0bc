package io.covet.core.replica;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.CovetException;
import io.covet.core.error.DatabaseUnavailable;
import io.covet.core.resilience.BreakerState;
import io.covet.core.resilience.Resilience;
import io.covet.core.resilience.ResilienceSettings;
import io.covet.testing.FaultProxy;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;

import java.time.Duration;

import static io.covet.core.replica.Nodes.replicaPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The primary unreachable (behind a {@link FaultProxy} that refuses connections) on a database with a replica and
 * resilience settings: reads keep being served by the replica; once writes have opened the breaker, reads are
 * served through the breaker's read fallback, which is the replicas, and flagged stale; writes fail fast.
 */
class ReplicaPrimaryDownTest {

    @ReplicaEngines
    void readsKeepWorkingFromTheReplicaAndAreFlaggedStaleWhileTheBreakerIsOpen(ReplicaPair pair) throws Exception {
        int replica = replicaPort(pair);
        int primaryPort = Nodes.primaryPort(pair);
        try (FaultProxy proxy = new FaultProxy("127.0.0.1", primaryPort)) {
            String viaProxy = Nodes.viaPort(pair.primaryUrl(), proxy.port());
            ResilienceSettings breaker = ResilienceSettings.defaults().toBuilder().minimumCalls(2).slidingWindow(2)
                    .openDuration(Duration.ofHours(1)).maxAttempts(1).build();
            try (Database db = Database.open(DatabaseConfig.builder("app", viaProxy).minIdle(0)
                    .connectionTimeout(Duration.ofMillis(500)).resilience(breaker)
                    .replicas(ReplicaConfig.builder().replica(pair.replicaUrl())
                            .lagCheckInterval(Duration.ofMillis(50)).build()).build())) {
                Resilience r = db.resilience().orElseThrow();
                assertThat(Nodes.port(db)).isEqualTo(replica);
                assertThat(r.lastReadWasStale()).isFalse();

                proxy.mode(FaultProxy.Mode.REFUSE);
                proxy.resetAll();
                assertThat(Nodes.port(db)).as("reads do not need the primary").isEqualTo(replica);
                for (int i = 0; i < 2; i++) {
                    assertThatThrownBy(() -> db.sql("CREATE TABLE nowhere (id INT)").execute())
                            .isInstanceOf(CovetException.class);
                }
                assertThat(r.state()).isEqualTo(BreakerState.OPEN);
                assertThat(Nodes.port(db)).isEqualTo(replica);
                assertThat(r.lastReadWasStale()).as("served by the fallback while the primary is down").isTrue();
                assertThat(r.fallbackReads()).isPositive();
                assertThatThrownBy(() -> db.sql("CREATE TABLE nowhere (id INT)").execute())
                        .isInstanceOf(DatabaseUnavailable.class);
            }
        }
    }
}
