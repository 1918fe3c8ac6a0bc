package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.covet.core.tx.Fixtures.ids;
import static io.covet.core.tx.Fixtures.insert;
import static io.covet.core.tx.Fixtures.itemTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ContextTest {

    @AllEngines
    void theCurrentTransactionBelongsToItsThreadAndItsDatabaseOnly(Scratch s) throws Exception {
        Database db = s.db();
        Database other = s.open(b -> b);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            db.atomicRun(tx -> {
                assertThat(db.currentTransaction()).containsSame(tx);
                assertThat(other.currentTransaction()).as("another Database instance").isEmpty();
                assertThat(pool.submit(() -> db.currentTransaction().isPresent()).get()).as("another thread").isFalse();
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @AllEngines
    void aCarriedTaskRunsInsideTheTransactionAndRollsBackWithIt(Scratch s) throws Exception {
        Database db = s.db();
        itemTable(db);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Throwable e = catchThrowable(() -> db.atomicRun(tx -> {
                insert(db, 1);
                CompletableFuture.runAsync(() -> insert(db, 2), tx.executor(pool))
                        .thenRunAsync(() -> insert(db, 3), tx.executor(pool)).get(10, TimeUnit.SECONDS);
                pool.submit(tx.wrap(() -> {
                    insert(db, 4);
                    return null;
                })).get(10, TimeUnit.SECONDS);
                assertThat(ids(db)).containsExactly(1, 2, 3, 4);
                throw new IllegalStateException("roll everything back");
            }));
            assertThat(e).hasMessage("roll everything back");
            assertThat(ids(db)).isEmpty();
            db.atomicRun(tx -> CompletableFuture.runAsync(() -> insert(db, 5), tx.executor(pool)).join());
            assertThat(ids(db)).containsExactly(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @AllEngines
    void usingTheConnectionFromTwoThreadsAtOnceIsRefused(Scratch s) throws Exception {
        Database db = s.db();
        itemTable(db);
        insert(db, 1);
        insert(db, 2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        try {
            db.atomicRun(tx -> {
                var task = pool.submit(tx.wrap(() -> {
                    // An open stream keeps the transaction's connection busy on the task's thread.
                    try (Stream<Integer> rows = db.sql("SELECT id FROM item ORDER BY id").fetchSize(1)
                            .stream(rs -> rs.getInt(1))) {
                        var it = rows.iterator();
                        it.next();
                        reading.countDown();
                        tried.await(10, TimeUnit.SECONDS);
                        it.next();
                    }
                    return null;
                }));
                assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
                Throwable e = catchThrowable(() -> insert(db, 3));
                tried.countDown();
                task.get(10, TimeUnit.SECONDS);
                assertThat(e).isInstanceOf(TransactionException.class)
                        .hasMessageContaining("is in use by thread 'pool-")
                        .hasMessageContaining("a JDBC connection runs one statement at a time");
                insert(db, 4); // free again once the task is done
            });
            assertThat(ids(db)).containsExactly(1, 2, 4);
        } finally {
            pool.shutdownNow();
        }
    }

    @AllEngines
    void aTaskThatOutlivesItsBlockIsRefused(Scratch s) throws Exception {
        Database db = s.db();
        itemTable(db);
        Runnable[] late = new Runnable[1];
        db.atomicRun(tx -> late[0] = tx.wrap(() -> insert(db, 9)));
        Throwable e = catchThrowable(late[0]::run);
        assertThat(e).isInstanceOf(TransactionException.class).hasMessageContaining("has already ended");
        assertThat(ids(db)).isEmpty();
    }
}
