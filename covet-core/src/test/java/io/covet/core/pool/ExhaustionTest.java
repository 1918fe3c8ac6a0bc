package io.covet.core.pool;

import io.covet.core.Database;
import io.covet.core.error.PoolExhausted;
import io.covet.testing.AllEnginesAndThreads;
import io.covet.testing.Scratch;
import io.covet.testing.Threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 threads on a pool of 10: 10 holders take every connection and keep it past the acquire timeout;
 * 190 callers run a small statement, half while the holders hold (they must get {@link PoolExhausted} stating the
 * pool), half after (they must succeed). No deadlock: every caller finishes. Runs on platform threads, and on JDK 21+
 * on virtual threads too (whose blocking on the pool must neither pin nor starve the carriers into a deadlock).
 */
class ExhaustionTest {

    @AllEnginesAndThreads
    void twoHundredCallersOnAPoolOfTenCompleteOrGetPoolExhaustedWithThePoolState(Scratch s, Threads threads)
            throws Exception {
        AtomicInteger exhaustedEvents = new AtomicInteger();
        AtomicInteger timeoutEvents = new AtomicInteger();
        Map<String, Integer> leaksByThread = new ConcurrentHashMap<>();
        List<LeakReport> leaks = new java.util.concurrent.CopyOnWriteArrayList<>();
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(10).minIdle(10)
                .acquireTimeout(Duration.ofMillis(500)).leakThreshold(Duration.ofMillis(200))
                .exhaustionWindow(Duration.ofMillis(100)).monitorInterval(Duration.ofMillis(20))
                .listener(new PoolListener() {
                    @Override
                    public void exhausted(String database, PoolStats stats) {
                        exhaustedEvents.incrementAndGet();
                    }

                    @Override
                    public void acquireTimedOut(String database, PoolStats stats) {
                        timeoutEvents.incrementAndGet();
                    }

                    @Override
                    public void leak(String database, LeakReport leak) {
                        leaksByThread.merge(leak.thread(), 1, Integer::sum);
                        leaks.add(leak);
                    }
                }).build()));
        // HikariCP opens connections one at a time; let it fill the pool before the holders take it.
        PoolHooksTest.waitFor(() -> db.pool().stats().idle() == 10);
        CountDownLatch taken = new CountDownLatch(10);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(200,
                threads.factory(i -> i < 10 ? "holder-" + i : "caller-" + i));
        List<Future<?>> holders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            holders.add(pool.submit(() -> db.withConnection(c -> {
                assertThat(Threads.isVirtual(Thread.currentThread())).isEqualTo(threads == Threads.VIRTUAL);
                taken.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return null;
            })));
        }
        assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();
        // First wave: every connection is held, so each caller waits out the acquire timeout.
        List<Future<String>> first = callers(pool, db, 95);
        List<String> firstResults = results(first);
        release.countDown();
        for (Future<?> h : holders) {
            h.get(60, TimeUnit.SECONDS);
        }
        // Second wave: the connections are back; each caller runs.
        List<String> secondResults = results(callers(pool, db, 95));
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(firstResults).hasSize(95).allSatisfy(r -> assertThat(r).startsWith("exhausted:"));
        assertThat(secondResults).hasSize(95).containsOnly("ok");
        String message = firstResults.get(0);
        assertThat(message).contains("database 'default'").contains("pool size 10 (max 10)")
                .contains("10 active").contains("0 idle").contains("other caller(s) waiting")
                .containsPattern("the longest current lease has been held \\d+ ms by thread 'holder-\\d'")
                .contains("taken at:").contains(ExhaustionTest.class.getName())
                .contains("raise the pool's maxSize or acquireTimeout");
        assertThat(exhaustedEvents.get()).isGreaterThanOrEqualTo(1);
        assertThat(timeoutEvents.get()).isEqualTo(95);
        PoolStats stats = db.pool().stats();
        assertThat(stats.timeouts()).isEqualTo(95);
        // Each holder's lease was reported once, with the stack that took it.
        for (int i = 0; i < 10; i++) {
            assertThat(leaksByThread).containsEntry("holder-" + i, 1);
        }
        assertThat(leaks).filteredOn(l -> l.thread().startsWith("holder-")).allSatisfy(l ->
                assertThat(l.stack().get(0).getClassName()).startsWith(ExhaustionTest.class.getName()));
        assertThat(stats.leaks()).isGreaterThanOrEqualTo(10);
    }

    private static List<Future<String>> callers(ExecutorService pool, Database db, int n) {
        List<Future<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pool.submit(() -> {
                try {
                    db.sql("SELECT 1").list();
                    return "ok";
                } catch (PoolExhausted e) {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.size()).isEqualTo(10);
                    return "exhausted:" + e.getMessage();
                }
            }));
        }
        return out;
    }

    private static List<String> results(List<Future<String>> futures) throws Exception {
        List<String> out = new ArrayList<>();
        for (Future<String> f : futures) {
            // A deadlock would leave a caller waiting here far beyond the 500 ms acquire timeout.
            out.add(f.get(120, TimeUnit.SECONDS));
        }
        return out;
    }
}
