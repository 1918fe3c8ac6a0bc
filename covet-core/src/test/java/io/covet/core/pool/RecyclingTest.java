package io.covet.core.pool;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.EngineSource;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Max lifetime and idle timeout, end to end on every selected engine: HikariCP closes the connections and Covet
 * names the reason it infers (HikariCP does not say). HikariCP's floor of 30 s for a lifetime makes this a ~30 s
 * test, so the engines run side by side instead of one after another.
 */
class RecyclingTest {
    // HikariCP reads its housekeeping period when a pool is created; 2 s instead of 30 s makes the idle timeout
    // fire at 10-12 s, well before the earliest lifetime end (HikariCP retires a connection up to 25 % early).
    private static final String HOUSEKEEPING = "com.zaxxer.hikari.housekeeping.periodMs";
    private static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofSeconds(10);

    record Evicted(EvictionReason reason, Duration age) {
    }

    @Test
    void connectionsPastTheIdleTimeoutAndTheMaxLifetimeAreClosedAndNamedSo() throws Exception {
        List<Scratch> scratches = new ArrayList<>();
        Map<Engine, Database> dbs = new ConcurrentHashMap<>();
        Map<Engine, List<Evicted>> events = new ConcurrentHashMap<>();
        String period = System.setProperty(HOUSEKEEPING, "2000");
        try {
            for (Engine engine : EngineSource.selected()) {
                Scratch s = Scratch.on(engine);
                scratches.add(s);
                List<Evicted> seen = new CopyOnWriteArrayList<>();
                events.put(engine, seen);
                PoolListener listener = new PoolListener() {
                    @Override
                    public void evicted(String database, EvictionReason reason, Duration age) {
                        seen.add(new Evicted(reason, age));
                    }
                };
                Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(3).minIdle(1).maxLifetime(LIFETIME)
                        .idleTimeout(IDLE).keepalive(Duration.ZERO).listener(listener).build()));
                dbs.put(engine, db);
                holdThreeAtOnce(db);
                assertThat(db.pool().stats().size()).as(engine.name()).isEqualTo(3);
            }
            restore(period);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && !events.values().stream().allMatch(RecyclingTest::bothSeen)) {
                Thread.sleep(250);
            }
            for (Map.Entry<Engine, Database> e : dbs.entrySet()) {
                List<Evicted> seen = events.get(e.getKey());
                String name = e.getKey().name();
                assertThat(seen).as(name).extracting(Evicted::reason)
                        .contains(EvictionReason.IDLE, EvictionReason.LIFETIME)
                        .doesNotContain(EvictionReason.DEAD, EvictionReason.VALIDATION_FAILURE);
                assertThat(seen.stream().filter(v -> v.reason() == EvictionReason.IDLE)).as(name).hasSize(2)
                        .allSatisfy(v -> assertThat(v.age()).isGreaterThanOrEqualTo(IDLE).isLessThan(LIFETIME));
                assertThat(seen.stream().filter(v -> v.reason() == EvictionReason.LIFETIME)).as(name)
                        .allSatisfy(v -> assertThat(v.age())
                                .isGreaterThanOrEqualTo(LIFETIME.minus(LIFETIME.dividedBy(4))));
                Map<EvictionReason, Long> counted = e.getValue().pool().stats().evictionsByReason();
                assertThat(counted.get(EvictionReason.IDLE)).as(name).isEqualTo(2);
                assertThat(counted.get(EvictionReason.LIFETIME)).as(name).isPositive();
                // The pool refilled to min idle and callers never noticed.
                assertThat(e.getValue().sql("SELECT 1").list()).as(name).hasSize(1);
            }
        } finally {
            restore(period);
            for (Scratch s : scratches) {
                s.close();
            }
        }
    }

    private static void restore(String period) {
        if (period == null) {
            System.clearProperty(HOUSEKEEPING);
        } else {
            System.setProperty(HOUSEKEEPING, period);
        }
    }

    private static boolean bothSeen(List<Evicted> seen) {
        return seen.stream().anyMatch(v -> v.reason() == EvictionReason.IDLE)
                && seen.stream().anyMatch(v -> v.reason() == EvictionReason.LIFETIME);
    }

    /** Makes the pool open all three connections by holding them together, then returns them. */
    private static void holdThreeAtOnce(Database db) throws InterruptedException {
        CountDownLatch allHeld = new CountDownLatch(3);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> db.withConnection(c -> {
                allHeld.countDown();
                try {
                    assertThat(allHeld.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException ex) {
                    throw new AssertionError(ex);
                }
                return null;
            }));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
    }
}
