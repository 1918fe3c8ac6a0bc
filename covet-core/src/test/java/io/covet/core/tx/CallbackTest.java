package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.covet.core.tx.Fixtures.ids;
import static io.covet.core.tx.Fixtures.insert;
import static io.covet.core.tx.Fixtures.itemTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class CallbackTest {

    @AllEngines
    void onCommitRunsAfterTheOutermostCommitInRegistrationOrder(Scratch s) {
        Database db = s.db();
        itemTable(db);
        List<String> events = new CopyOnWriteArrayList<>();
        db.atomicRun(outer -> {
            outer.onCommit(() -> events.add("outer:" + ids(db) + ":in-tx=" + db.currentTransaction().isPresent()));
            db.atomicRun(inner -> {
                insert(db, 1);
                inner.onCommit(() -> events.add("inner"));
            });
            db.onCommit(() -> events.add("via-db"));
            assertThat(events).as("nothing runs before the outermost commit").isEmpty();
        });
        assertThat(events).containsExactly("outer:[1]:in-tx=false", "inner", "via-db");
    }

    @AllEngines
    void callbacksRegisteredInARolledBackSavepointAreDiscarded(Scratch s) {
        Database db = s.db();
        itemTable(db);
        List<String> events = new CopyOnWriteArrayList<>();
        db.atomicRun(outer -> {
            outer.onRollback(() -> events.add("outer-rollback"));
            try {
                db.atomicRun(inner -> {
                    insert(db, 1);
                    inner.onCommit(() -> events.add("inner-commit"));
                    inner.onRollback(() -> events.add("inner-rollback"));
                    db.atomicRun(deeper -> deeper.onCommit(() -> events.add("deeper-commit")));
                    throw new IllegalStateException("undo inner");
                });
            } catch (IllegalStateException expected) {
                // only the inner savepoint is rolled back
            }
            insert(db, 2);
            outer.onCommit(() -> events.add("outer-commit"));
        });
        assertThat(events).containsExactly("outer-commit");
        assertThat(ids(db)).containsExactly(2);
    }

    @AllEngines
    void onRollbackRunsWhenTheTransactionRollsBackAndOnCommitNever(Scratch s) {
        Database db = s.db();
        itemTable(db);
        List<String> events = new CopyOnWriteArrayList<>();
        Throwable e = catchThrowable(() -> db.atomicRun(outer -> {
            insert(db, 1);
            outer.onCommit(() -> events.add("commit"));
            db.atomicRun(inner -> inner.onRollback(() -> events.add("inner-rollback:" + ids(db))));
            outer.onRollback(() -> events.add("outer-rollback"));
            throw new IllegalStateException("abort");
        }));
        assertThat(e).hasMessage("abort");
        assertThat(events).containsExactly("inner-rollback:[]", "outer-rollback");
    }

    @AllEngines
    void outsideATransactionOnCommitRunsAtOnceAndOnRollbackIsRefused(Scratch s) {
        Database db = s.db();
        List<String> events = new CopyOnWriteArrayList<>();
        db.onCommit(() -> events.add("now"));
        assertThat(events).containsExactly("now");
        Throwable e = catchThrowable(() -> db.onRollback(() -> events.add("never")));
        assertThat(e).isInstanceOf(TransactionException.class)
                .hasMessageContaining("onRollback outside a transaction")
                .hasMessageContaining("would never run");
        assertThat(events).containsExactly("now");
    }

    @AllEngines
    void failingCallbacksAreReportedAfterEveryCallbackRanAndTheDataStaysCommitted(Scratch s) {
        Database db = s.db();
        itemTable(db);
        List<String> events = new CopyOnWriteArrayList<>();
        Throwable e = catchThrowable(() -> db.atomicRun(TxOptions.builder().name("notify").build(), tx -> {
            insert(db, 1);
            tx.onCommit(() -> {
                throw new IllegalStateException("mail server down");
            });
            tx.onCommit(() -> events.add("second ran"));
            tx.onCommit(() -> {
                throw new UnsupportedOperationException("sms off");
            });
        }));
        assertThat(e).isInstanceOf(CallbackFailure.class)
                .hasMessageContaining("transaction 'notify' committed, but 2 of 3 onCommit action(s) failed")
                .hasCauseInstanceOf(IllegalStateException.class);
        CallbackFailure f = (CallbackFailure) e;
        assertThat(f.committed()).isTrue();
        assertThat(f.failures()).hasSize(2);
        assertThat(f.getSuppressed()).hasSize(1);
        assertThat(events).containsExactly("second ran");
        assertThat(ids(db)).containsExactly(1);
    }

    @AllEngines
    void failingRollbackCallbacksAreAddedToTheFailureThatCausedTheRollback(Scratch s) {
        Database db = s.db();
        itemTable(db);
        Throwable e = catchThrowable(() -> db.atomicRun(tx -> {
            insert(db, 1);
            tx.onRollback(() -> {
                throw new IllegalStateException("cleanup failed");
            });
            throw new IllegalArgumentException("bad input");
        }));
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
        assertThat(e.getSuppressed()).singleElement().satisfies(x -> assertThat(x).hasMessage("cleanup failed"));
        assertThat(ids(db)).isEmpty();
    }

    @AllEngines
    void registeringOnAnEndedTransactionIsRefused(Scratch s) {
        Database db = s.db();
        Transaction[] leaked = new Transaction[1];
        db.atomicRun(tx -> leaked[0] = tx);
        Throwable e = catchThrowable(() -> leaked[0].onCommit(() -> { }));
        assertThat(e).isInstanceOf(TransactionException.class).hasMessageContaining("has already ended");
    }
}
