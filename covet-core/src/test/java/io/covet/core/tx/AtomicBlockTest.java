package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.covet.core.tx.Fixtures.ids;
import static io.covet.core.tx.Fixtures.insert;
import static io.covet.core.tx.Fixtures.itemTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class AtomicBlockTest {

    @AllEngines
    void commitsWhenTheBlockReturnsAndRollsBackWhenACheckedFailureEscapes(Scratch s) {
        Database db = s.db();
        itemTable(db);
        int n = db.atomic(tx -> {
            insert(db, 1);
            assertThat(db.currentTransaction()).containsSame(tx);
            return ids(db).size();
        });
        assertThat(n).isEqualTo(1);
        Throwable e = catchThrowable(() -> db.<Void, IOException>atomic(tx -> {
            insert(db, 2);
            throw new IOException("disk full");
        }));
        assertThat(e).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(ids(db)).containsExactly(1);
        assertThat(db.currentTransaction()).isEmpty();
    }

    @AllEngines
    void aCaughtInnerFailureRollsBackOnlyItsSavepoint(Scratch s) {
        Database db = s.db();
        itemTable(db);
        db.atomicRun(outer -> {
            insert(db, 1);
            try {
                db.atomicRun(inner -> {
                    assertThat(inner.depth()).isEqualTo(1);
                    insert(db, 2);
                    insert(db, 1); // duplicate key: fails inside the inner block
                });
            } catch (io.covet.core.error.UniqueViolation expected) {
                // the caller handles it; the outer block goes on
            }
            insert(db, 3);
        });
        assertThat(ids(db)).containsExactly(1, 3);
    }

    @AllEngines
    void aFailureThatEscapesEveryBlockRollsBackTheWholeUnit(Scratch s) {
        Database db = s.db();
        itemTable(db);
        Throwable e = catchThrowable(() -> db.atomicRun(outer -> {
            insert(db, 1);
            db.atomicRun(inner -> {
                insert(db, 2);
                throw new IllegalStateException("inner broke");
            });
        }));
        assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("inner broke");
        assertThat(ids(db)).isEmpty();
    }

    @AllEngines
    void savepointsNestThreeDeepAndReleaseOnSuccess(Scratch s) {
        Database db = s.db();
        itemTable(db);
        db.atomicRun(a -> {
            insert(db, 1);
            db.atomicRun(b -> {
                insert(db, 2);
                try {
                    db.atomicRun(c -> {
                        assertThat(c.depth()).isEqualTo(2);
                        insert(db, 3);
                        throw new IllegalArgumentException("undo 3 only");
                    });
                } catch (IllegalArgumentException expected) {
                    // only the innermost savepoint is rolled back
                }
                db.atomicRun(c -> insert(db, 4));
            });
            assertThat(ids(db)).containsExactly(1, 2, 4);
        });
        assertThat(ids(db)).containsExactly(1, 2, 4);
    }

    @AllEngines
    void aDurableBlockRefusesToRunNested(Scratch s) {
        Database db = s.db();
        itemTable(db);
        AtomicBoolean ran = new AtomicBoolean();
        TxOptions durable = TxOptions.builder().name("payout").durable(true).build();
        Throwable e = catchThrowable(() -> db.atomicRun(outer -> {
            insert(db, 1);
            db.atomicRun(durable, inner -> {
                ran.set(true);
                insert(db, 2);
            });
        }));
        assertThat(e).isInstanceOf(TransactionException.class)
                .hasMessageContaining("durable block 'payout' must be the outermost transaction")
                .hasMessageContaining("nested in transaction 'atomic'");
        assertThat(ran).isFalse();
        assertThat(ids(db)).isEmpty();
        db.atomicRun(durable, tx -> insert(db, 5));
        assertThat(ids(db)).containsExactly(5);
    }

    @AllEngines
    void aJoinedBlockWithoutSavepointCondemnsTheTransactionEvenWhenCaught(Scratch s) {
        Database db = s.db();
        itemTable(db);
        TxOptions noSavepoint = TxOptions.builder().name("bare").savepoint(false).build();
        Throwable e = catchThrowable(() -> db.atomicRun(outer -> {
            insert(db, 1);
            try {
                db.atomicRun(noSavepoint, inner -> {
                    insert(db, 2);
                    throw new IllegalStateException("half done");
                });
            } catch (IllegalStateException caught) {
                // caught, but the block's partial work cannot be undone alone
            }
            assertThat(outer.isRollbackOnly()).isTrue();
        }));
        assertThat(e).isInstanceOf(TransactionException.class)
                .hasMessageContaining("its block 'bare' failed without a savepoint of its own")
                .hasRootCauseMessage("half done");
        assertThat(ids(db)).isEmpty();
    }

    @AllEngines
    void setRollbackOnlyRollsBackAndStillReturnsTheResult(Scratch s) {
        Database db = s.db();
        itemTable(db);
        String r = db.atomic(tx -> {
            insert(db, 1);
            tx.setRollbackOnly();
            return "dry run";
        });
        assertThat(r).isEqualTo("dry run");
        assertThat(ids(db)).isEmpty();
    }

    @Test
    void invalidOptionsAreAllReportedAtOnce() {
        assertThatThrownBy(() -> TxOptions.builder().name(" ").timeout(java.time.Duration.ofSeconds(-1))
                .propagation(Propagation.MANDATORY).durable(true).build())
                .isInstanceOf(io.covet.core.error.ConfigurationException.class)
                .hasMessageContaining("transaction name must be 1 to 100 characters")
                .hasMessageContaining("timeout must be zero (none) or positive")
                .hasMessageContaining("durable block cannot be MANDATORY");
    }
}
