package io.covet.core.pool;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConnectionFailure;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolHooksTest {

    /** A session setting each engine lets a hook change, the SQL that sets it and the query that reads it back. */
    static String[] sessionSetting(Engine e) {
        return switch (e) {
            case POSTGRESQL -> new String[]{"SET application_name = 'covet_hooked'",
                    "SELECT current_setting('application_name')", "covet_hooked"};
            case MARIADB -> new String[]{"SET SESSION time_zone = '+02:00'", "SELECT @@session.time_zone", "+02:00"};
            default -> new String[]{"PRAGMA cache_size = -1234", "PRAGMA cache_size", "-1234"};
        };
    }

    @AllEngines
    void onConnectRunsOncePerPhysicalConnectionBeforeItIsFirstLent(Scratch s) throws Exception {
        String[] setting = sessionSetting(s.engine());
        AtomicInteger callbacks = new AtomicInteger();
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(3).minIdle(0)
                .onConnect(setting[0]).onConnect(c -> callbacks.incrementAndGet()).build()));
        // Three connections at once, each checked: every physical connection carries the setting.
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> db.withConnection(c -> {
                await(together);
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(setting[1])) {
                    rs.next();
                    seen.add(rs.getString(1));
                }
                await(together);
                return null;
            }));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).containsExactly(setting[2], setting[2], setting[2]);
        for (int i = 0; i < 20; i++) {
            assertThat(db.sql(setting[1]).list().get(0).get(0).toString()).isEqualTo(setting[2]);
        }
        PoolStats stats = db.pool().stats();
        long closed = stats.evictionsByReason().values().stream().mapToLong(Long::longValue).sum();
        // Once per physical connection: not per statement (23 leases), not per check-out. With min idle 0,
        // HikariCP's start-up check opened (and closed) one more.
        assertThat(callbacks.get()).isEqualTo(stats.size() + closed).isEqualTo(4);
        assertThat(stats.evictionsByReason()).containsEntry(EvictionReason.STARTUP_CHECK, 1L);
    }

    @AllEngines
    void checkoutAndCheckinHooksRunOncePerLease(Scratch s) {
        AtomicInteger out = new AtomicInteger();
        AtomicInteger in = new AtomicInteger();
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(2)
                .onCheckout(c -> out.incrementAndGet()).onCheckin(c -> in.incrementAndGet()).build()));
        int before = out.get();
        assertThat(in.get()).isEqualTo(before); // the probe at open was lent and returned
        for (int i = 0; i < 7; i++) {
            db.sql("SELECT 1").list();
        }
        db.atomicRun(tx -> {
            db.sql("SELECT 1").list();
            db.sql("SELECT 2").list();
        });
        // 7 statements + one transaction (its two statements share its connection).
        assertThat(out.get() - before).isEqualTo(8);
        assertThat(in.get() - before).isEqualTo(8);
    }

    @AllEngines
    void checkinHooksRunOnceWhetherTheExecutorOrTheCallerGivesTheConnectionBack(Scratch s) throws Exception {
        AtomicInteger out = new AtomicInteger();
        AtomicInteger in = new AtomicInteger();
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(2)
                .onCheckout(c -> out.incrementAndGet()).onCheckin(c -> in.incrementAndGet()).build()));
        int before = out.get();
        // withConnection and statements borrow unwrapped and the executor gives back; a connection from the pool's
        // own data source is wrapped and gives itself back on close, once however often it is closed.
        db.withConnection(c -> c.isValid(1));
        assertThatThrownBy(() -> db.withConnection(c -> {
            throw new java.sql.SQLException("work failed");
        })).hasMessageContaining("work failed");
        try (java.sql.Connection c = ((javax.sql.DataSource) db.pool()).getConnection()) {
            c.close();
            assertThat(c.isClosed()).isTrue();
        }
        assertThat(out.get() - before).isEqualTo(3);
        assertThat(in.get() - before).isEqualTo(3);
    }

    @AllEngines
    void aConnectionTheCallbackClosedItselfIsEvictedNotLentAgain(Scratch s) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger in = new AtomicInteger();
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(1).minIdle(1)
                .onConnect(c -> opened.incrementAndGet()).onCheckin(c -> in.incrementAndGet()).build()));
        int connections = opened.get();
        int checkins = in.get();
        // Against ConnectionCallback's contract: HikariCP takes it back at once, before any check-in hook could
        // run on it, so Covet evicts it rather than lend it again.
        db.withConnection(c -> {
            c.close();
            return null;
        });
        assertThat(in.get()).isEqualTo(checkins);
        waitFor(() -> db.pool().stats().size() == 0 || opened.get() > connections);
        assertThat(db.sql("SELECT 1").list()).hasSize(1);
        assertThat(opened.get()).isEqualTo(connections + 1);
        assertThat(in.get()).isEqualTo(checkins + 1);
    }

    @AllEngines
    void aFailingCheckinHookEvictsTheConnectionButNotTheCaller(Scratch s) throws Exception {
        AtomicBoolean fail = new AtomicBoolean();
        Map<EvictionReason, Integer> evicted = new ConcurrentHashMap<>();
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(2)
                .onCheckin(c -> {
                    if (fail.get()) {
                        throw new java.sql.SQLException("reset failed");
                    }
                })
                .listener(new PoolListener() {
                    @Override
                    public void evicted(String database, EvictionReason reason, Duration age) {
                        evicted.merge(reason, 1, Integer::sum);
                    }
                }).build()));
        fail.set(true);
        assertThat(db.sql("SELECT 1").list()).hasSize(1);
        fail.set(false);
        // HikariCP closes an evicted connection on its own thread: wait for it (no timing is asserted).
        waitFor(() -> evicted.getOrDefault(EvictionReason.HOOK_FAILURE, 0) == 1);
        assertThat(db.pool().stats().evictionsByReason()).containsEntry(EvictionReason.HOOK_FAILURE, 1L);
        assertThat(db.sql("SELECT 1").list()).hasSize(1);
    }

    @AllEngines
    void aFailingCheckoutHookEvictsAndTheCallerGetsAnotherConnection(Scratch s) {
        AtomicInteger calls = new AtomicInteger();
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(2)
                .onCheckout(c -> {
                    if (calls.incrementAndGet() == 2) {
                        throw new java.sql.SQLException("first check-out after open fails once");
                    }
                }).build()));
        assertThat(db.sql("SELECT 1").list()).hasSize(1);
        assertThat(calls.get()).isEqualTo(3);
        waitFor(() -> db.pool().stats().evictionsByReason().getOrDefault(EvictionReason.HOOK_FAILURE, 0L) == 1L);
    }

    @AllEngines
    void aFailingOnConnectHookFailsTheOpenNamingTheStatement(Scratch s) {
        assertThatThrownBy(() -> s.open(b -> b.pool(PoolSettings.builder().onConnect("SELEC broken").build())))
                .isInstanceOf(ConnectionFailure.class)
                .hasMessageContaining("on-connect SQL 'SELEC broken' failed on a new connection of database 'default'")
                .hasMessageContaining("Fix the hook");
    }

    static void await(java.util.concurrent.CyclicBarrier b) {
        try {
            b.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not reached within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
