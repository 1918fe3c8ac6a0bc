package io.covet.core;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConnectionFailure;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.covet.testing.TempFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A server ending the session under a running statement is a transient {@link ConnectionFailure} on every
 * engine, provoked for real: {@code pg_terminate_backend} of the busy backend, MariaDB's {@code KILL CONNECTION},
 * and an SQLite database whose directory was removed under it. The pool serves again afterwards.
 */
class ServerDeathClassificationTest {

    @AllEngines
    void sessionKilledUnderARunningStatementIsATransientConnectionFailure(Scratch s) throws Exception {
        if (s.engine() == Engine.SQLITE) {
            sqliteFileGoneIsAConnectionFailure();
            return;
        }
        Database db = s.open(b -> b.maxPoolSize(1).minIdle(0));
        boolean pg = s.engine() == Engine.POSTGRESQL;
        long pid = db.sql(pg ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()").list(rs -> rs.getLong(1)).get(0);
        CompletableFuture<Throwable> busy = CompletableFuture.supplyAsync(() -> catchThrowable(
                () -> db.sql(pg ? "SELECT pg_sleep(30)" : "SELECT SLEEP(30)").list()));
        try (Connection admin = s.rawConnection(); Statement st = admin.createStatement()) {
            awaitRunning(st, pg, pid);
            st.execute(pg ? "SELECT pg_terminate_backend(" + pid + ")" : "KILL CONNECTION " + pid);
        }
        Throwable e = busy.get(20, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(ConnectionFailure.class);
        ConnectionFailure f = (ConnectionFailure) e;
        assertThat(f.isTransient()).isTrue();
        assertThat(f.getMessage()).contains(s.engine().displayName()).contains(pg ? "pg_sleep" : "SLEEP");
        if (pg) {
            assertThat(f.sqlState()).hasValue("57P01");
            assertThat(f.getMessage()).contains("connection to the server was lost (the server terminated the session)");
        }
        // the killed connection is evicted: the next statement gets a live one (at most one more failure while
        // the pool notices, which is also a ConnectionFailure)
        Throwable next = catchThrowable(() -> db.sql("SELECT 1").list());
        if (next != null) {
            assertThat(next).isInstanceOf(ConnectionFailure.class);
        }
        assertThat(db.sql("SELECT 1").list(rs -> rs.getInt(1))).containsExactly(1);
    }

    private static void awaitRunning(Statement st, boolean pg, long pid) throws Exception {
        String sql = pg ? "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND query LIKE '%pg_sleep%'"
                + " AND state = 'active'"
                : "SELECT count(*) FROM information_schema.processlist WHERE id = " + pid + " AND info LIKE '%SLEEP%'";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var rs = st.executeQuery(sql)) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the sleeping statement never showed up as running on session " + pid);
    }

    private static void sqliteFileGoneIsAConnectionFailure() throws Exception {
        Path dir = Files.createTempDirectory("covet-gone-");
        try (Database db = Database.open(DatabaseConfig.builder("gone", "sqlite:" + dir.resolve("app.db"))
                .maxPoolSize(2).minIdle(0).connectionTimeout(Duration.ofSeconds(1)).build())) {
            db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY)").execute();
            db.sql("INSERT INTO t VALUES (1)").execute();
            TempFiles.deleteTree(dir);
            // the open connection keeps the unlinked file; hold it, so that the next statement needs a new one
            try (Stream<Integer> held = db.sql("SELECT id FROM t").stream(rs -> rs.getInt(1))) {
                assertThat(held.iterator().next()).isEqualTo(1);
                Throwable e = catchThrowable(() -> db.sql("SELECT COUNT(*) FROM t").list());
                assertThat(e).isInstanceOf(ConnectionFailure.class);
                assertThat(((ConnectionFailure) e).isTransient()).isTrue();
                assertThat(e.getMessage()).contains("'gone'").contains("directory exists");
                assertThat(e).hasRootCauseInstanceOf(org.sqlite.SQLiteException.class);
            }
        }
        // the driver's own failure, classified: opening a file in a directory that does not exist
        Throwable direct = catchThrowable(() -> java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db")));
        assertThat(direct).isInstanceOf(org.sqlite.SQLiteException.class);
        ConnectionFailure f = (ConnectionFailure) io.covet.core.internal.ErrorTranslator.translate(Engine.SQLITE, null,
                (java.sql.SQLException) direct);
        assertThat(f.getMessage()).contains("SQLITE_CANTOPEN").contains("directory exist");
        TempFiles.deleteTree(dir);
    }
}
