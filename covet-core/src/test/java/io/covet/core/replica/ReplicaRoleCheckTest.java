package io.covet.core.replica;

import io.covet.core.Database;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.testing.FaultProxy;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static io.covet.core.replica.Nodes.primaryPort;
import static io.covet.core.replica.Nodes.replicaPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The periodic role check of serving replicas: a node that becomes a primary, or a MariaDB replica whose
 * {@code read_only} is turned off, leaves the rotation (with its reason and the role-failure count) and returns once
 * it is a read-only replica again.
 */
class ReplicaRoleCheckTest {

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * A failover as the client sees it: the replica's address (a proxy) now reaches the primary. Not destructive:
     * the shared standby is never promoted, the proxy is pointed at the real primary server instead.
     */
    @ReplicaEngines
    void aReplicaAddressThatNowReachesAPrimaryLeavesTheRotation(ReplicaPair pair) throws Exception {
        DatabaseUrl server = pair.control().replicaServer();
        try (FaultProxy proxy = new FaultProxy("127.0.0.1", server.port())) {
            String proxied = Nodes.viaPort(pair.replicaUrl(), proxy.port());
            try (Database db = Nodes.open(pair, b -> b.replica(proxied).roleCheckInterval(Duration.ofMillis(100)))) {
                Replicas replicas = db.replicas().orElseThrow();
                assertThat(Nodes.port(db)).isEqualTo(replicaPort(pair));

                proxy.retarget(primaryPort(pair));
                proxy.resetAll();
                // the reset connections fail first; the re-check then finds a primary at the address
                await("the node is found a primary", () -> replicas.roleFailures() == 1);
                assertThat(replicas.status().get(0).up()).isFalse();
                assertThat(replicas.status().get(0).reason().orElseThrow())
                        .contains("replica #1 of database 'app' (127.0.0.1:" + proxy.port() + ") is a primary");
                assertThat(replicas.roleFailures()).isEqualTo(1);
                for (int i = 0; i < 20; i++) {
                    assertThat(Nodes.port(db)).isEqualTo(primaryPort(pair));
                }

                proxy.retarget(server.port());
                proxy.resetAll();
                await("the node is a replica again and serves", () -> replicas.status().get(0).serving());
                assertThat(Nodes.port(db)).isEqualTo(replicaPort(pair));
                assertThat(replicas.roleFailures()).isEqualTo(1);
            }
        }
    }

    @ReplicaEngines
    void aMariaDbReplicaMadeWritableLeavesTheRotationUntilReadOnlyAgain(ReplicaPair pair) throws Exception {
        if (pair.engine() != Engine.MARIADB) {
            return; // a PostgreSQL standby cannot be made writable: the case above covers promotion
        }
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl())
                .roleCheckInterval(Duration.ofMillis(100)));
             Connection admin = pair.control().replicaConnection(); Statement st = admin.createStatement()) {
            Replicas replicas = db.replicas().orElseThrow();
            assertThat(Nodes.port(db)).isEqualTo(replicaPort(pair));
            st.execute("SET GLOBAL read_only = 0");
            try {
                await("the writable replica leaves the rotation", () -> !replicas.status().get(0).up());
                assertThat(replicas.status().get(0).reason().orElseThrow())
                        .contains("replicates but accepts writes (read_only is off)");
                assertThat(replicas.roleFailures()).isEqualTo(1);
                assertThat(Nodes.port(db)).isEqualTo(primaryPort(pair));
            } finally {
                st.execute("SET GLOBAL read_only = 1");
            }
            await("the read-only replica serves again", () -> replicas.status().get(0).serving());
            assertThat(Nodes.port(db)).isEqualTo(replicaPort(pair));
        }
    }
}
