package io.covet.core.pool;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.Databases;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PoolStatsTest {

    @AllEngines
    void statsCountCheckoutsAndNameTheCallersHoldingConnections(Scratch s) throws Exception {
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(3).leakThreshold(Duration.ofMinutes(5))
                .build()));
        long before = db.pool().stats().checkouts();
        for (int i = 0; i < 25; i++) {
            db.sql("SELECT 1").list();
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = new Thread(() -> db.withConnection(c -> {
            held.countDown();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return null;
        }));
        holder.start();
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        PoolStats stats = db.pool().stats();
        done.countDown();
        holder.join();
        assertThat(stats.checkouts() - before).isEqualTo(26);
        assertThat(stats.maxSize()).isEqualTo(3);
        assertThat(stats.active()).isEqualTo(1);
        assertThat(stats.size()).isBetween(1, 3);
        assertThat(stats.acquireP50()).isLessThanOrEqualTo(stats.acquireP99());
        assertThat(stats.acquireP99()).isLessThanOrEqualTo(stats.acquireMax());
        assertThat(stats.leasesByCaller()).hasSize(1);
        assertThat(stats.leasesByCaller().keySet().iterator().next())
                .startsWith(PoolStatsTest.class.getName() + ".");
        assertThat(db.pool().stats().leasesByCaller()).isEmpty();
    }

    @AllEngines
    void overflowOpensExtraConnectionsUnderABurstAndClosesThemWhenReturned(Scratch s) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Database db = s.open(b -> b.poolMetrics(registry).pool(PoolSettings.builder().maxSize(2).minIdle(1)
                .sizing(SizingPolicy.overflow(2)).build()));
        CountDownLatch allHeld = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> db.withConnection(c -> {
                allHeld.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return null;
            }));
            threads.add(t);
            t.start();
        }
        // Base 2 + overflow 2: four callers hold four connections at once.
        assertThat(allHeld.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.pool().stats().active()).isEqualTo(4);
        assertThat(db.pool().stats().maxSize()).isEqualTo(4);
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        // Returned while above the base size: two are closed, two kept.
        PoolHooksTest.waitFor(() -> db.pool().stats().evictionsByReason().getOrDefault(EvictionReason.SHRINK, 0L) == 2L);
        assertThat(db.pool().stats().size()).isEqualTo(2);
        // HikariCP closes on its own thread, which counts the close in the stats and then in the registry
        PoolHooksTest.waitFor(() -> registry.find("covet.pool.evictions").tag("reason", "shrink")
                .tag("database", "default").counters().stream().mapToDouble(c -> c.count()).sum() >= 2.0);
        assertThat(registry.get("covet.pool.evictions").tag("reason", "shrink").tag("database", "default")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.find("hikaricp.connections.max").gauge()).isNotNull();
    }

    @AllEngines
    void theRegistryShowsThePoolsOfTheDatabasesItOpened(Scratch s) {
        try (Databases dbs = Databases.of(List.of(DatabaseConfig.builder("main", s.url()).maxPoolSize(2).build(),
                DatabaseConfig.builder("other", s.url()).maxPoolSize(3).build()))) {
            assertThat(dbs.pools()).isEmpty();
            dbs.get("main").sql("SELECT 1").list();
            assertThat(dbs.pools()).containsOnlyKeys("main");
            dbs.get("other");
            assertThat(dbs.pools()).containsOnlyKeys("main", "other");
            assertThat(dbs.pools().get("other").stats().maxSize()).isEqualTo(3);
            assertThat(dbs.pools().get("main").database()).isEqualTo("main");
        }
    }
}
