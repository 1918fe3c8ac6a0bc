package io.covet.core.pool;

import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dynamic policy end to end: its decisions (tested on their own in {@code SizerTest}) reach HikariCP's
 * runtime maximum, and the pool shrinks back by closing a returned connection. Windows are zero, so every step
 * follows from the pool's state at a sample, not from elapsed time.
 */
class DynamicSizingTest {

    @AllEngines
    void aWaitingCallerGrowsThePoolAndAnIdlePoolShrinksBack(Scratch s) throws Exception {
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(2).minIdle(0)
                .acquireTimeout(Duration.ofSeconds(20)).monitorInterval(Duration.ofMillis(10))
                .sizing(SizingPolicy.dynamic(3, 1, 0, Duration.ZERO, Duration.ZERO)).build()));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch held = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<?>> holders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            holders.add(threads.submit(() -> db.withConnection(c -> {
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return null;
            })));
        }
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        // Both connections are held: a third caller waits, and the waiting grows the maximum to the ceiling.
        Future<?> first = threads.submit(() -> db.sql("SELECT 1").list());
        PoolHooksTest.waitFor(() -> db.pool().stats().maxSize() == 3);
        // HikariCP opens the extra connection at the next check-out that finds none idle.
        Future<?> second = threads.submit(() -> db.sql("SELECT 1").list());
        PoolHooksTest.waitFor(() -> first.isDone() || second.isDone());
        // Three connections open at once: one more than the base size, which only the growth allowed. (With
        // zero windows the maximum may already be shrinking again once a caller is served.)
        assertThat(db.pool().stats().size()).isEqualTo(3);
        release.countDown();
        for (Future<?> f : holders) {
            f.get(60, TimeUnit.SECONDS);
        }
        first.get(60, TimeUnit.SECONDS);
        second.get(60, TimeUnit.SECONDS);
        threads.shutdown();
        // Nobody waits and connections sit idle: the maximum goes back to the base size ...
        PoolHooksTest.waitFor(() -> db.pool().stats().maxSize() == 2);
        // ... and connections returned above it are closed (two returned at once may both be).
        db.sql("SELECT 1").list();
        PoolHooksTest.waitFor(() -> db.pool().stats().evictionsByReason().getOrDefault(EvictionReason.SHRINK, 0L) >= 1L);
        assertThat(db.pool().stats().size()).isLessThanOrEqualTo(2);
        assertThat(db.pool().stats().maxSize()).isEqualTo(2);
    }
}
