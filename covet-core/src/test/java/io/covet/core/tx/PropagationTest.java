package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.covet.core.tx.Fixtures.ids;
import static io.covet.core.tx.Fixtures.insert;
import static io.covet.core.tx.Fixtures.itemTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class PropagationTest {
    private static final TxOptions REQUIRES_NEW = TxOptions.builder().name("audit")
            .propagation(Propagation.REQUIRES_NEW).build();

    @AllEngines
    void requiresNewCommitsOnItsOwnConnectionWhateverTheOuterDoes(Scratch s) {
        Database db = s.open(b -> b.maxPoolSize(2));
        itemTable(db);
        // SQLite: the outer must not hold the single write lock while the new transaction writes.
        TxOptions outerOptions = TxOptions.builder().name("outer").sqliteImmediate(false).build();
        Throwable e = catchThrowable(() -> db.atomicRun(outerOptions, outer -> {
            db.atomicRun(REQUIRES_NEW, inner -> {
                assertThat(inner.depth()).isZero();
                assertThat(inner.name()).isEqualTo("audit");
                insert(db, 1);
            });
            assertThat(db.currentTransaction()).containsSame(outer);
            insert(db, 2);
            throw new IllegalStateException("outer fails");
        }));
        assertThat(e).hasMessage("outer fails");
        assertThat(ids(db)).containsExactly(1);
    }

    @AllEngines
    void requiresNewThatCouldOnlyWaitForItsOwnPoolIsRefusedAtOnce(Scratch s) {
        Database db = s.open(b -> b.maxPoolSize(1).connectionTimeout(Duration.ofSeconds(5)));
        itemTable(db);
        AtomicBoolean ran = new AtomicBoolean();
        long start = System.nanoTime();
        Throwable e = catchThrowable(() -> db.atomicRun(TxOptions.builder().name("outer").sqliteImmediate(false)
                .build(), outer -> {
            insert(db, 1);
            db.atomicRun(REQUIRES_NEW, inner -> ran.set(true));
        }));
        assertThat(e).isInstanceOf(TransactionException.class)
                .hasMessageContaining("REQUIRES_NEW block 'audit' needs its own connection")
                .hasMessageContaining("already holds 1 of the pool's 1 connection(s)")
                .hasMessageContaining("raise maxPoolSize");
        assertThat((System.nanoTime() - start) / 1_000_000).as("refused without waiting").isLessThan(3000);
        assertThat(ran).isFalse();
        assertThat(ids(db)).isEmpty();
    }

    @AllEngines
    void requiresNewThatTimesOutOnAPoolDrainedByOthersSaysWhatItHolds(Scratch s) throws Exception {
        Database db = s.open(b -> b.maxPoolSize(2).minIdle(2).connectionTimeout(Duration.ofMillis(300)));
        itemTable(db);
        // Both connections open before the clock matters: on a loaded machine opening the second one can take
        // longer than the 300 ms acquire timeout, and the outer block (not the inner one) would time out.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (db.pool().stats().size() < 2 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(db.pool().stats().size()).isEqualTo(2);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        TxOptions reader = TxOptions.builder().name("reader").readOnly().build();
        Thread other = new Thread(() -> {
            try {
                db.atomicRun(reader, tx -> {
                    ids(db);
                    holding.countDown();
                    release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        try {
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Throwable e = catchThrowable(() -> db.atomicRun(TxOptions.builder().name("outer").sqliteImmediate(false)
                    .build(), outer -> db.atomicRun(REQUIRES_NEW, inner -> insert(db, 1))));
            assertThat(e).isInstanceOf(TransactionException.class)
                    .hasMessageContaining("REQUIRES_NEW block 'audit' timed out waiting for a second connection while "
                            + "this thread holds 1 in the suspended transaction(s) 'outer' > 'audit'")
                    .hasMessageContaining("pool: max=2, active=2")
                    .hasCauseInstanceOf(io.covet.core.error.ConnectionFailure.class);
            assertThat(ids(db)).isEmpty();
        } finally {
            release.countDown();
            other.join();
        }
    }

    @AllEngines
    void requiresNewWritingUnderSqlitesHeldWriteLockIsRefusedElsewhereItWorks(Scratch s) {
        Database db = s.open(b -> b.maxPoolSize(2));
        itemTable(db);
        Throwable e = catchThrowable(() -> db.atomicRun(outer -> db.atomicRun(REQUIRES_NEW, inner -> insert(db, 1))));
        if (s.engine() == Engine.SQLITE) {
            assertThat(e).isInstanceOf(TransactionException.class)
                    .hasMessageContaining("SQLite lets one transaction write at a time");
            assertThat(ids(db)).isEmpty();
        } else {
            assertThat(e).isNull();
            assertThat(ids(db)).containsExactly(1);
        }
    }

    @AllEngines
    void mandatoryRefusesToRunWithoutATransactionAndJoinsOne(Scratch s) {
        Database db = s.db();
        itemTable(db);
        TxOptions mandatory = TxOptions.builder().name("step").propagation(Propagation.MANDATORY).build();
        Throwable e = catchThrowable(() -> db.atomicRun(mandatory, tx -> insert(db, 1)));
        assertThat(e).isInstanceOf(TransactionException.class)
                .hasMessageContaining("block 'step' must join a transaction (Propagation.MANDATORY)");
        assertThat(ids(db)).isEmpty();
        db.atomicRun(outer -> {
            db.atomicRun(mandatory, tx -> {
                assertThat(tx.depth()).isEqualTo(1);
                insert(db, 2);
            });
        });
        assertThat(ids(db)).containsExactly(2);
    }

    @AllEngines
    void neverRefusesInsideATransactionAndOutsideRunsEachStatementOnItsOwn(Scratch s) {
        Database db = s.db();
        itemTable(db);
        TxOptions never = TxOptions.builder().name("report").propagation(Propagation.NEVER).build();
        Throwable e = catchThrowable(() -> db.atomicRun(outer -> {
            insert(db, 1);
            db.atomicRun(never, tx -> insert(db, 2));
        }));
        assertThat(e).isInstanceOf(TransactionException.class)
                .hasMessageContaining("block 'report' must run outside a transaction (Propagation.NEVER)");
        assertThat(ids(db)).isEmpty();
        Throwable later = catchThrowable(() -> db.atomicRun(never, tx -> {
            assertThat(db.currentTransaction()).isEmpty();
            insert(db, 3);
            throw new IllegalStateException("no rollback without a transaction");
        }));
        assertThat(later).hasMessage("no rollback without a transaction");
        assertThat(ids(db)).containsExactly(3);
    }

    @AllEngines
    void nestedAlwaysMakesASavepoint(Scratch s) {
        Database db = s.db();
        itemTable(db);
        TxOptions nested = TxOptions.builder().name("part").propagation(Propagation.NESTED).savepoint(false).build();
        db.atomicRun(outer -> {
            insert(db, 1);
            try {
                db.atomicRun(nested, inner -> {
                    insert(db, 2);
                    throw new IllegalStateException("undo part");
                });
            } catch (IllegalStateException expected) {
                // rolled back to the savepoint
            }
            assertThat(outer.isRollbackOnly()).isFalse();
        });
        assertThat(ids(db)).containsExactly(1);
        db.atomicRun(nested, tx -> insert(db, 4)); // outside a transaction NESTED begins one
        assertThat(ids(db)).containsExactly(1, 4);
    }

    @AllEngines
    void aJoinedBlockAskingForOtherSettingsIsRefusedClearly(Scratch s) {
        Database db = s.db();
        itemTable(db);
        Throwable readOnly = catchThrowable(() -> db.atomicRun(outer -> {
            insert(db, 1);
            db.atomicRun(TxOptions.builder().name("reader").readOnly().build(), inner -> { });
        }));
        assertThat(readOnly).isInstanceOf(TransactionException.class)
                .hasMessageContaining("block 'reader' asks to be read-only but joins transaction 'atomic', which is "
                        + "read-write");
        TxOptions serializable = TxOptions.builder().name("strict").isolation(Isolation.SERIALIZABLE).build();
        Throwable isolation = catchThrowable(() -> db.atomicRun(TxOptions.builder()
                .isolation(Isolation.READ_COMMITTED).build(), outer -> {
            insert(db, 2);
            db.atomicRun(serializable, inner -> insert(db, 3));
        }));
        if (s.engine() == Engine.SQLITE) {
            // SQLite runs every level as serializable, so both blocks ask for what the transaction already is.
            assertThat(isolation).isNull();
            assertThat(ids(db)).containsExactly(2, 3);
        } else {
            assertThat(isolation).isInstanceOf(TransactionException.class)
                    .hasMessageContaining("block 'strict' asks for SERIALIZABLE isolation but joins transaction "
                            + "'atomic', which runs at READ COMMITTED");
            assertThat(ids(db)).isEmpty();
        }
    }
}
