package io.covet.core.replica;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.error.ConfigurationException;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static io.covet.core.replica.Nodes.primaryPort;
import static io.covet.core.replica.Nodes.replicaPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Opening a database while a replica is down: the open succeeds, the replica starts out of the rotation (health
 * degraded, reads on the primary) and joins once the real server is up again; a reachable replica that refuses the
 * login is still refused at open.
 */
class ReplicaStartupTest {

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @ReplicaEngines
    void aReplicaDownAtOpenStartsOutOfRotationAndJoinsWhenItComesUp(ReplicaPair pair) throws Exception {
        String url = pair.replicaUrl();
        pair.control().kill();
        boolean restarted = false;
        try (Database db = Nodes.open(pair, b -> b.replica(url))) {
            Replicas replicas = db.replicas().orElseThrow();
            ReplicaStatus s = replicas.status().get(0);
            assertThat(s.up()).isFalse();
            assertThat(s.reason().orElseThrow()).startsWith("unreachable since the database opened: ")
                    .doesNotContain("covet:covet");
            assertThat(replicas.degraded()).isTrue();
            assertThat(Nodes.port(db)).as("reads run on the primary meanwhile").isEqualTo(primaryPort(pair));
            assertThat(replicas.primaryFallbacks()).isPositive();

            pair.control().restart();
            restarted = true;
            await("the replica joins the rotation", () -> replicas.status().get(0).serving());
            assertThat(Nodes.port(db)).isEqualTo(replicaPort(pair));
            assertThat(replicas.degraded()).isFalse();
            assertThat(replicas.roleFailures()).isZero();
        } finally {
            if (!restarted) {
                pair.control().restart();
            }
        }
    }

    @ReplicaEngines
    void aReachableReplicaThatRefusesTheLoginIsRefusedAtOpen(ReplicaPair pair) {
        DatabaseUrl server = pair.control().replicaServer();
        String url = pair.replicaUrl().replace("//" + server.user().orElseThrow() + ":"
                + server.password().orElseThrow() + "@", "//covet:wrong-secret@");
        assertThat(url).contains("wrong-secret");
        DatabaseConfig config = DatabaseConfig.builder("app", pair.primaryUrl())
                .replicas(ReplicaConfig.builder().replica(url).build()).build();
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("replica #1 of database 'app' (127.0.0.1:" + replicaPort(pair)
                        + ") refused the connection (SQLSTATE 28")
                .hasMessageContaining("check the replica URL's user, password and database")
                .hasMessageNotContaining("wrong-secret");
    }
}
