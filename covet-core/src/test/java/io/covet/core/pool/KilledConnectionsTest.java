package io.covet.core.pool;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server kills the pool's idle connections (PostgreSQL {@code pg_terminate_backend}, MariaDB
 * {@code KILL CONNECTION}); the next statements must succeed without the caller seeing an error, because check-out
 * validation replaces the dead connections. SQLite has no server that could kill a connection.
 */
class KilledConnectionsTest {

    @AllEngines
    void connectionsKilledByTheServerAreReplacedWithoutTheCallerNoticing(Scratch s) throws Exception {
        if (s.engine() == Engine.SQLITE) {
            // No server process: the scenario cannot exist. The pool still validates (isValid) on check-out.
            Database db = s.open(b -> b.pool(PoolSettings.builder().aliveBypassWindow(Duration.ZERO).build()));
            assertThat(db.sql("SELECT 1").list()).hasSize(1);
            return;
        }
        String tag = "covet_kill_" + UUID.randomUUID().toString().substring(0, 8);
        String onConnect = s.engine() == Engine.POSTGRESQL ? "SET application_name = '" + tag + "'"
                : "SET @covet_tag = '" + tag + "'";
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(4).minIdle(4)
                .aliveBypassWindow(Duration.ZERO).onConnect(onConnect).build()));
        PoolHooksTest.waitFor(() -> db.pool().stats().idle() == 4);
        List<Long> ids = ids(s, db, tag);
        assertThat(ids).hasSize(4);
        try (Connection admin = s.rawConnection(); Statement st = admin.createStatement()) {
            for (long id : ids) {
                st.execute(s.engine() == Engine.POSTGRESQL ? "SELECT pg_terminate_backend(" + id + ")"
                        : "KILL CONNECTION " + id);
            }
        }
        // Every idle connection is dead now; each statement must still succeed.
        for (int i = 0; i < 12; i++) {
            assertThat(db.sql("SELECT 1").list()).hasSize(1);
        }
        // Whichever check saw a dead connection first evicted it: Covet's check-out validation, or HikariCP's own
        // liveness check when the connection had been idle past HikariCP's JVM-wide 500 ms window (which a slow,
        // loaded run reaches between the kill and the statements). Either is a dead connection replaced unseen.
        PoolHooksTest.waitFor(() -> {
            var by = db.pool().stats().evictionsByReason();
            return by.getOrDefault(EvictionReason.VALIDATION_FAILURE, 0L)
                    + by.getOrDefault(EvictionReason.DEAD, 0L) >= 1;
        });
        List<Long> now = ids(s, db, tag);
        assertThat(now).doesNotContainAnyElementsOf(ids);
    }

    /** The server-side ids of the pool's connections, found through the tag their on-connect hook set. */
    private static List<Long> ids(Scratch s, Database db, String tag) throws Exception {
        List<Long> ids = new ArrayList<>();
        if (s.engine() == Engine.POSTGRESQL) {
            try (Connection admin = s.rawConnection(); Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = '"
                         + tag + "'")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
        // MariaDB cannot see another session's user variables: ask each pooled connection for its own id while
        // all are held at once.
        int size = db.pool().stats().size();
        java.util.concurrent.CyclicBarrier all = new java.util.concurrent.CyclicBarrier(size);
        List<Thread> threads = new ArrayList<>();
        List<Long> found = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < size; i++) {
            Thread t = new Thread(() -> db.withConnection(c -> {
                PoolHooksTest.await(all);
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT CONNECTION_ID(), @covet_tag")) {
                    rs.next();
                    if (tag.equals(rs.getString(2))) {
                        found.add(rs.getLong(1));
                    }
                }
                PoolHooksTest.await(all);
                return null;
            }));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return found;
    }
}
