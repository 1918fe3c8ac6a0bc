package io.covet.core.replica;

import io.covet.core.Database;
import io.covet.core.DatabaseUrl;
import io.covet.core.error.ConnectionFailure;
import io.covet.testing.FaultProxy;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.covet.core.replica.Nodes.primaryPort;
import static io.covet.core.replica.Nodes.replicaPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Balancing and fallback on the real test replicas. The harness has one replica per engine, so two replica nodes
 * are the replica itself and the same replica behind a {@link FaultProxy} (two pools, two addresses, one server):
 * the distribution is counted per node, and the proxy lets one node fail while the other serves.
 */
class ReplicaBalancingTest {
    private static final int READS = 10_000;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static FaultProxy proxy(ReplicaPair pair) throws Exception {
        DatabaseUrl server = pair.control().replicaServer();
        return new FaultProxy("127.0.0.1", server.port());
    }

    private static long[] reads(Database db) {
        return db.replicas().orElseThrow().status().stream().mapToLong(ReplicaStatus::reads).toArray();
    }

    @ReplicaEngines
    void weightedAndRoundRobinSpreadTenThousandReads(ReplicaPair pair) throws Exception {
        try (FaultProxy proxy = proxy(pair)) {
            String direct = pair.replicaUrl();
            String proxied = Nodes.viaPort(direct, proxy.port());
            try (Database db = Nodes.open(pair, b -> b.replica(direct, 3, null).replica(proxied, 1, null)
                    .balancing(ReplicaConfig.Balancing.WEIGHTED))) {
                for (int i = 0; i < READS; i++) {
                    Nodes.port(db);
                }
                long[] n = reads(db);
                assertThat(n[0] + n[1]).isEqualTo(READS);
                assertThat(n[0]).as("3:1 weights").isBetween(7_300L, 7_700L);
            }
            try (Database db = Nodes.open(pair, b -> b.replica(direct).replica(proxied)
                    .balancing(ReplicaConfig.Balancing.ROUND_ROBIN))) {
                for (int i = 0; i < READS; i++) {
                    Nodes.port(db);
                }
                long[] n = reads(db);
                assertThat(n[0] + n[1]).isEqualTo(READS);
                assertThat(n[0]).as("round robin").isBetween(4_800L, 5_200L);
            }
        }
    }

    @ReplicaEngines
    void leastOutstandingSendsReadsAwayFromASlowReplica(ReplicaPair pair) throws Exception {
        try (FaultProxy proxy = proxy(pair)) {
            String direct = pair.replicaUrl();
            String proxied = Nodes.viaPort(direct, proxy.port());
            try (Database db = Nodes.open(pair, b -> b.replica(direct).replica(proxied)
                    .balancing(ReplicaConfig.Balancing.LEAST_OUTSTANDING))) {
                Nodes.port(db);
                Nodes.port(db);
                proxy.latency(20); // every reply through the proxy waits: its reads stay outstanding longer
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> done = new java.util.ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        done.add(pool.submit(() -> {
                            for (int i = 0; i < 200; i++) {
                                Nodes.port(db);
                            }
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get(5, TimeUnit.MINUTES);
                    }
                } finally {
                    pool.shutdownNow();
                }
                long[] n = reads(db);
                assertThat(n[0]).as("the fast replica serves most of 800 concurrent reads").isGreaterThan(2 * n[1]);
            }
        }
    }

    @ReplicaEngines
    void aFailingReplicaIsSkippedAndReturnsWhenReachable(ReplicaPair pair) throws Exception {
        int replica = replicaPort(pair);
        try (FaultProxy proxy = proxy(pair)) {
            String direct = pair.replicaUrl();
            String proxied = Nodes.viaPort(direct, proxy.port());
            try (Database db = Nodes.open(pair, b -> b.replica(direct).replica(proxied))) {
                Replicas replicas = db.replicas().orElseThrow();
                proxy.mode(FaultProxy.Mode.REFUSE);
                proxy.resetAll();
                for (int i = 0; i < 200; i++) {
                    assertThat(Nodes.port(db)).isEqualTo(replica);
                }
                ReplicaStatus down = replicas.status().get(1);
                assertThat(down.up()).isFalse();
                assertThat(down.reason().orElseThrow()).startsWith("failed: ConnectionFailure");
                assertThat(replicas.degraded()).isTrue();
                assertThat(replicas.primaryFallbacks()).isZero();
                long before = replicas.status().get(1).reads();

                proxy.mode(FaultProxy.Mode.PASS);
                await("the proxied replica is re-checked and serves again", () -> replicas.status().get(1).up());
                for (int i = 0; i < 10; i++) {
                    Nodes.port(db);
                }
                assertThat(replicas.status().get(1).reads()).isGreaterThan(before);
            }
        }
    }

    @ReplicaEngines
    void withoutAnyReplicaReadsFallBackToThePrimaryOrFailAsConfigured(ReplicaPair pair) throws Exception {
        int primary = primaryPort(pair);
        try (FaultProxy proxy = proxy(pair)) {
            String proxied = Nodes.viaPort(pair.replicaUrl(), proxy.port());
            try (Database db = Nodes.open(pair, b -> b.replica(proxied))) {
                proxy.mode(FaultProxy.Mode.REFUSE);
                proxy.resetAll();
                assertThat(Nodes.port(db)).isEqualTo(primary);
                assertThat(db.replicas().orElseThrow().primaryFallbacks()).isPositive();
            }
            proxy.mode(FaultProxy.Mode.PASS);
            try (Database db = Nodes.open(pair, b -> b.replica(proxied).fallback(ReplicaConfig.Fallback.FAIL))) {
                proxy.mode(FaultProxy.Mode.REFUSE);
                proxy.resetAll();
                assertThatThrownBy(() -> Nodes.port(db)).isInstanceOf(ConnectionFailure.class)
                        .hasMessageContaining("no replica of database 'app' can serve this read")
                        .hasMessageContaining("replica fallback is FAIL")
                        .hasMessageContaining("127.0.0.1:" + proxy.port())
                        .hasMessageNotContaining("covet:covet");
                // writes are not affected
                assertThat(db.sql("SELECT 1").onPrimary().list()).hasSize(1);
            }
        }
    }

    @ReplicaEngines
    void readsContinueWhenTheReplicaIsKilledAndUseItAgainAfterRestart(ReplicaPair pair) throws Exception {
        int replica = replicaPort(pair);
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()))) {
            Replicas replicas = db.replicas().orElseThrow();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger reads = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> workers = new java.util.ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    workers.add(load.submit(() -> {
                        while (!stop.get()) {
                            try {
                                Nodes.port(db);
                                reads.incrementAndGet();
                            } catch (RuntimeException e) {
                                errors.incrementAndGet();
                            }
                        }
                    }));
                }
                await("some reads ran", () -> reads.get() > 100);
                pair.control().kill();
                int atKill = reads.get();
                await("reads continue with the replica dead", () -> reads.get() > atKill + 200);
                assertThat(replicas.status().get(0).up()).isFalse();
                pair.control().restart();
                await("the replica is back", () -> replicas.status().get(0).serving());
                long before = replicas.status().get(0).reads();
                await("it serves reads again", () -> replicas.status().get(0).reads() > before + 50);
                stop.set(true);
                for (Future<?> f : workers) {
                    f.get(1, TimeUnit.MINUTES);
                }
            } finally {
                stop.set(true);
                load.shutdownNow();
            }
            assertThat(errors.get()).as("errors surfaced to callers").isZero();
            assertThat(replicas.primaryFallbacks()).isPositive();
            assertThat(Nodes.port(db)).isEqualTo(replica);
        }
    }
}
