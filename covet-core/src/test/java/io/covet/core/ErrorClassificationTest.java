package io.covet.core;

import io.covet.core.engine.Engine;
import io.covet.core.error.CheckViolation;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.CovetException;
import io.covet.core.error.DataAccessException;
import io.covet.core.error.DeadlockDetected;
import io.covet.core.error.ForeignKeyViolation;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.NotNullViolation;
import io.covet.core.error.QueryTimeout;
import io.covet.core.error.SerializationFailure;
import io.covet.core.error.SqlSyntaxError;
import io.covet.core.error.UniqueViolation;
import io.covet.core.internal.ErrorTranslator;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Each error class is provoked for real on each engine, and mapped from that engine's own codes. */
class ErrorClassificationTest {

    @AllEngines
    void uniqueViolationNamesTheConstraintAndWritesNothing(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(50), CONSTRAINT u_email UNIQUE (email))").execute();
        db.sql("INSERT INTO u VALUES (1, 'a@x')").execute();
        UniqueViolation e = (UniqueViolation) catchThrowable(() -> db.sql("INSERT INTO u VALUES (?, ?)", 2, "a@x").execute());
        assertThat(e).isNotNull();
        assertThat(e.isTransient()).isFalse();
        assertThat(e.engine()).isEqualTo(s.engine());
        assertThat(e.sql()).contains("INSERT INTO u VALUES (?, ?)");
        assertThat(e.getMessage()).contains(s.engine().displayName()).contains("INSERT INTO u VALUES (?, ?)");
        if (s.engine() != Engine.SQLITE) {
            assertThat(e.constraint()).hasValueSatisfying(c -> assertThat(c).containsIgnoringCase("u_email"));
        } else {
            assertThat(e.constraint()).hasValue("u.email");
        }
        assertThat(db.sql("SELECT COUNT(*) FROM u").list(rs -> rs.getInt(1))).containsExactly(1);
    }

    @AllEngines
    void foreignKeyViolationOnInsertAndOnDeleteOfAReferencedRow(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE parent (id INT PRIMARY KEY)").execute();
        db.sql("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL, "
                + "CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))").execute();
        db.sql("INSERT INTO parent VALUES (1)").execute();
        db.sql("INSERT INTO child VALUES (1, 1)").execute();
        assertThatThrownBy(() -> db.sql("INSERT INTO child VALUES (2, 99)").execute())
                .isInstanceOf(ForeignKeyViolation.class);
        assertThatThrownBy(() -> db.sql("DELETE FROM parent WHERE id = 1").execute())
                .isInstanceOf(ForeignKeyViolation.class)
                .satisfies(e -> assertThat(((CovetException) e).isTransient()).isFalse());
        assertThat(db.sql("SELECT COUNT(*) FROM parent").list(rs -> rs.getInt(1))).containsExactly(1);
        assertThat(db.sql("SELECT COUNT(*) FROM child").list(rs -> rs.getInt(1))).containsExactly(1);
    }

    @AllEngines
    void notNullAndCheckViolations(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, qty INT, "
                + "CONSTRAINT qty_positive CHECK (qty > 0))").execute();
        assertThatThrownBy(() -> db.sql("INSERT INTO p (id, name, qty) VALUES (1, ?, 1)", (Object) null).execute())
                .isInstanceOf(NotNullViolation.class);
        assertThatThrownBy(() -> db.sql("INSERT INTO p (id, name, qty) VALUES (1, 'x', -5)").execute())
                .isInstanceOf(CheckViolation.class);
        assertThat(db.sql("SELECT COUNT(*) FROM p").list(rs -> rs.getInt(1))).containsExactly(0);
    }

    @AllEngines
    void syntaxErrorsAndUnknownTables(Scratch s) {
        Database db = s.db();
        assertThatThrownBy(() -> db.sql("SELEC 1").list()).isInstanceOf(SqlSyntaxError.class);
        assertThatThrownBy(() -> db.sql("SELECT * FROM no_such_table").list()).isInstanceOf(SqlSyntaxError.class);
    }

    /**
     * Two transactions lock two rows in opposite order. PostgreSQL and MariaDB abort one as a deadlock victim.
     * SQLite never deadlocks: the second writer's lock upgrade is refused, and once the first commits its read
     * snapshot is stale, which SQLite reports as SQLITE_BUSY_SNAPSHOT: a transient serialization failure.
     */
    @AllEngines
    void deadlockBetweenTwoConnections(Scratch s) throws Exception {
        Database db = s.db();
        db.sql("CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL)").execute();
        db.sql("INSERT INTO acct VALUES (1, 100), (2, 100)").execute();
        if (s.engine() == Engine.SQLITE) {
            sqliteLockUpgradeConflict(s);
            return;
        }
        Database other = s.open(b -> b);
        CountDownLatch bothLocked = new CountDownLatch(2);
        Throwable[] results = concurrently(() -> transfer(db, 1, 2, bothLocked), () -> transfer(other, 2, 1, bothLocked));
        Throwable ea = results[0];
        Throwable eb = results[1];
        Throwable victim = ea != null ? ea : eb;
        assertThat(ea == null || eb == null).as("exactly one transaction survives").isTrue();
        assertThat(victim).isInstanceOf(DeadlockDetected.class);
        assertThat(((DeadlockDetected) victim).isTransient()).isTrue();
        assertThat(db.sql("SELECT SUM(bal) FROM acct").list(rs -> rs.getInt(1))).containsExactly(200);
    }

    /**
     * Runs both transactions at the same time, each on a thread of its own, and returns their outcomes. Not on
     * {@code CompletableFuture}'s default executor: on a 2-CPU machine its pool has parallelism 1, and on JDK 25
     * (where async tasks always use that pool) the second task only started once the first had given up waiting
     * at the barrier, so the two never conflicted.
     */
    private static Throwable[] concurrently(Callable<Throwable> a, Callable<Throwable> b) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Throwable> fa = two.submit(a);
            Future<Throwable> fb = two.submit(b);
            return new Throwable[]{fa.get(30, TimeUnit.SECONDS), fb.get(30, TimeUnit.SECONDS)};
        } finally {
            two.shutdownNow();
        }
    }

    /** Locks row {@code first}, waits for the other transaction to lock its row, then updates {@code second}. */
    private static Throwable transfer(Database db, int first, int second, CountDownLatch bothLocked) {
        return twoStepTransaction(db, Connection.TRANSACTION_READ_COMMITTED, bothLocked,
                "UPDATE acct SET bal = bal - 10 WHERE id = " + first,
                "UPDATE acct SET bal = bal + 10 WHERE id = " + second);
    }

    /**
     * Runs {@code first}, waits at {@code barrier} until the concurrent transaction has run its first statement
     * too, runs {@code second} and commits. Returns the translated failure, or null when it committed.
     */
    private static Throwable twoStepTransaction(Database db, int isolation, CountDownLatch barrier, String first,
                                                String second) {
        try {
            return db.withConnection(c -> {
                c.setAutoCommit(false);
                c.setTransactionIsolation(isolation);
                try (Statement st = c.createStatement()) {
                    st.execute(first);
                    barrier.countDown();
                    if (!barrier.await(10, TimeUnit.SECONDS)) {
                        // without the other transaction's first statement there is no conflict to classify
                        c.rollback();
                        throw new IllegalStateException("the concurrent transaction did not run its first "
                                + "statement within 10 s");
                    }
                    st.execute(second);
                    c.commit();
                    return null;
                } catch (SQLException | InterruptedException e) {
                    c.rollback();
                    if (e instanceof SQLException se) {
                        throw se;
                    }
                    throw new IllegalStateException(e);
                } finally {
                    c.setAutoCommit(true);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
            });
        } catch (DataAccessException e) {
            return e;
        }
    }

    /**
     * SQLite's answer to a deadlock: a read transaction that tries to write while another connection holds the
     * write lock is refused at once with SQLITE_BUSY (no busy wait, since waiting could deadlock); once the
     * writer commits, the reader's snapshot is stale and its write fails with SQLITE_BUSY_SNAPSHOT.
     */
    private static void sqliteLockUpgradeConflict(Scratch s) throws Exception {
        Database db = s.db();
        try (Connection a = s.rawConnection(); Connection b = s.rawConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try (Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                sb.execute("PRAGMA busy_timeout = 5000");
                sa.executeQuery("SELECT SUM(bal) FROM acct").close(); // both hold read snapshots
                sb.executeQuery("SELECT SUM(bal) FROM acct").close();
                sa.executeUpdate("UPDATE acct SET bal = bal - 10 WHERE id = 1"); // a takes the write lock
                String update = "UPDATE acct SET bal = bal + 10 WHERE id = 2";
                long start = System.nanoTime();
                DataAccessException upgrade = ErrorTranslator.translate(Engine.SQLITE, update,
                        (SQLException) catchThrowable(() -> sb.executeUpdate(update)));
                assertThat(upgrade).isInstanceOf(LockTimeout.class).hasMessageContaining("SQLITE_BUSY");
                assertThat(upgrade.isTransient()).isTrue();
                assertThat((System.nanoTime() - start) / 1_000_000).as("refused without waiting out busy_timeout")
                        .isLessThan(4_000);

                sa.executeUpdate(update);
                a.commit();
                DataAccessException stale = ErrorTranslator.translate(Engine.SQLITE, update,
                        (SQLException) catchThrowable(() -> sb.executeUpdate(update)));
                assertThat(stale).isInstanceOf(SerializationFailure.class).hasMessageContaining("SQLITE_BUSY_SNAPSHOT");
                assertThat(stale.isTransient()).isTrue();
                b.rollback();
            }
        }
        assertThat(db.sql("SELECT SUM(bal) FROM acct").list(rs -> rs.getInt(1))).containsExactly(200);
    }

    /**
     * Write skew under SERIALIZABLE: each transaction reads both rows and then writes one. PostgreSQL detects the
     * dangerous structure (40001); InnoDB turns serializable reads into shared locks, so MariaDB reports the same
     * conflict as a deadlock (1213). SQLite is covered by the lock-upgrade test above.
     */
    @AllEngines
    void serializationFailureUnderSerializable(Scratch s) throws Exception {
        if (s.engine() == Engine.SQLITE) {
            return; // SQLite's only serialization failure is SQLITE_BUSY_SNAPSHOT, provoked in deadlockBetweenTwoConnections
        }
        Database db = s.db();
        db.sql("CREATE TABLE oncall (id INT PRIMARY KEY, on_duty BOOLEAN NOT NULL)").execute();
        db.sql("INSERT INTO oncall VALUES (1, TRUE), (2, TRUE)").execute();
        Database other = s.open(b -> b);
        CountDownLatch bothRead = new CountDownLatch(2);
        Throwable[] results = concurrently(() -> goOffDuty(db, 1, bothRead), () -> goOffDuty(other, 2, bothRead));
        Throwable ea = results[0];
        Throwable eb = results[1];
        Throwable failure = ea != null ? ea : eb;
        assertThat(ea == null || eb == null).as("one transaction commits").isTrue();
        assertThat(failure).isInstanceOf(s.engine() == Engine.POSTGRESQL ? SerializationFailure.class : DeadlockDetected.class);
        assertThat(((CovetException) failure).isTransient()).isTrue();
        assertThat(db.sql("SELECT COUNT(*) FROM oncall WHERE on_duty = TRUE").list(rs -> rs.getInt(1))).containsExactly(1);
    }

    private static Throwable goOffDuty(Database db, int id, CountDownLatch bothRead) {
        return twoStepTransaction(db, Connection.TRANSACTION_SERIALIZABLE, bothRead,
                "SELECT COUNT(*) FROM oncall WHERE on_duty = TRUE",
                "UPDATE oncall SET on_duty = FALSE WHERE id = " + id);
    }

    @AllEngines
    void lockTimeoutWhileAnotherConnectionHoldsTheLock(Scratch s) throws Exception {
        Database db = s.db();
        db.sql("CREATE TABLE res (id INT PRIMARY KEY, v INT)").execute();
        db.sql("INSERT INTO res VALUES (1, 0)").execute();
        Database waiter = s.open(b -> b.sqliteBusyTimeout(Duration.ofMillis(200)));
        try (Connection holder = s.rawConnection()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeUpdate("UPDATE res SET v = 1 WHERE id = 1"); // holds the row (or, on SQLite, the write lock)
                Throwable e = catchThrowable(() -> waiter.withConnection(c -> {
                    try (Statement w = c.createStatement()) {
                        switch (s.engine()) {
                            case POSTGRESQL -> w.execute("SET lock_timeout = '200ms'");
                            case MARIADB -> w.execute("SET SESSION innodb_lock_wait_timeout = 1");
                            default -> { }
                        }
                        return w.executeUpdate("UPDATE res SET v = 2 WHERE id = 1");
                    }
                }));
                assertThat(e).isInstanceOf(LockTimeout.class);
                assertThat(((LockTimeout) e).isTransient()).isTrue();
            } finally {
                holder.rollback();
            }
        }
        assertThat(db.sql("SELECT v FROM res").list(rs -> rs.getInt(1))).containsExactly(0);
    }

    @AllEngines
    void queryTimeoutCancelsALongStatement(Scratch s) {
        Database db = s.db();
        String slow = switch (s.engine()) {
            case POSTGRESQL -> "SELECT pg_sleep(10)";
            case MARIADB -> "SELECT SUM(a.seq * b.seq) FROM seq_1_to_100000 a, seq_1_to_100000 b";
            default -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT SUM(x) FROM c";
        };
        long start = System.nanoTime();
        Throwable e = catchThrowable(() -> db.sql(slow).timeout(Duration.ofSeconds(1)).list());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isInstanceOf(QueryTimeout.class);
        assertThat(((QueryTimeout) e).isTransient()).isTrue();
        assertThat(elapsedMs).as("cancelled rather than run to completion").isLessThan(9_000);
        // the pooled connection is still usable afterwards
        assertThat(db.sql("SELECT 1").list(rs -> rs.getInt(1))).containsExactly(1);
    }

    @AllEngines
    void configuredDefaultTimeoutAppliesToEveryStatement(Scratch s) {
        Database db = s.open(b -> b.queryTimeout(Duration.ofSeconds(1)));
        String slow = switch (s.engine()) {
            case POSTGRESQL -> "SELECT pg_sleep(10)";
            case MARIADB -> "SELECT SUM(a.seq * b.seq) FROM seq_1_to_100000 a, seq_1_to_100000 b";
            default -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT SUM(x) FROM c";
        };
        assertThatThrownBy(() -> db.sql(slow).list()).isInstanceOf(QueryTimeout.class);
        assertThat(db.sql("SELECT 1").timeout(Duration.ZERO).list(rs -> rs.getInt(1))).containsExactly(1);
    }

    @AllEngines
    void unreachableServerIsAConnectionFailureNamingWhereButNoSecret(Scratch s) {
        String url = switch (s.engine()) {
            case POSTGRESQL -> "postgresql://covet:sup3r-s3cret@127.0.0.1:1/covet_test";
            case MARIADB -> "mariadb://covet:sup3r-s3cret@127.0.0.1:1/covet_test";
            default -> "sqlite:/nonexistent-dir-covet/sup3r-s3cret/x.db";
        };
        Throwable e = catchThrowable(() -> Database.open(url));
        assertThat(e).isInstanceOf(ConnectionFailure.class);
        assertThat(((ConnectionFailure) e).isTransient()).isTrue();
        if (s.engine() != Engine.SQLITE) {
            assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("sup3r-s3cret");
        } else {
            assertThat(e.getMessage()).contains("directory exists");
        }
    }
}
