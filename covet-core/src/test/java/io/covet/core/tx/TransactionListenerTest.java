package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.core.error.UniqueViolation;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transaction listeners hear each outermost block once: start, attempts, retries, one end; never nested blocks. */
class TransactionListenerTest {

    /** Writes every call down, on the thread of the block. */
    private static final class Log implements TransactionListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public Block started(String database, TxOptions options) {
            events.add("started " + database + " " + options.name() + " on " + Thread.currentThread().getName());
            return new Block() {
                @Override
                public void attempt(Transaction transaction) {
                    events.add("attempt " + transaction.attempt());
                }

                @Override
                public void retrying(int attempt, Throwable failure, Duration pause) {
                    events.add("retrying after " + attempt + " " + failure.getClass().getSimpleName());
                }

                @Override
                public void ended(boolean committed, Throwable failure) {
                    events.add("ended committed=" + committed + " failure="
                            + (failure == null ? "none" : failure.getClass().getSimpleName()));
                }
            };
        }
    }

    @AllEngines
    void aRetriedBlockIsReportedOnceWithEachAttemptAndNestedBlocksAreNot(Scratch s) {
        Log log = new Log();
        Database db = s.open(b -> b.transactionListener(log));
        db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE)").execute();
        db.sql("INSERT INTO item (id, name) VALUES (1, 'taken')").execute();
        TxOptions options = TxOptions.builder().name("add").retry(RetryPolicy.builder()
                .alsoRetryOn(e -> e instanceof UniqueViolation).initialBackoff(Duration.ofMillis(1)).build()).build();
        db.atomicRun(options, tx -> {
            db.atomicRun(inner -> db.sql("SELECT 1").list()); // joins: not a block of its own for listeners
            db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 10 + tx.attempt(), tx.attempt() == 1 ? "taken" : "free")
                    .execute();
        });
        assertThat(log.events).containsExactly("started default add on " + Thread.currentThread().getName(),
                "attempt 1", "retrying after 1 UniqueViolation", "attempt 2", "ended committed=true failure=none");
    }

    @AllEngines
    void aFailingBlockEndsOnceWithItsFailureAndAListenerThatThrowsChangesNothing(Scratch s) {
        Log log = new Log();
        TransactionListener broken = (database, options) -> {
            throw new IllegalStateException("listener bug");
        };
        Database db = s.open(b -> b.transactionListener(broken).transactionListener(log));
        assertThatThrownBy(() -> db.atomicRun(TxOptions.builder().name("doomed").retry(RetryPolicy.none()).build(),
                tx -> {
                    throw new IllegalArgumentException("work failed");
                })).isInstanceOf(IllegalArgumentException.class).hasMessage("work failed");
        assertThat(log.events).endsWith("attempt 1", "ended committed=false failure=IllegalArgumentException");
        db.atomicRun(tx -> tx.setRollbackOnly());
        assertThat(log.events).endsWith("ended committed=false failure=none");
        int rows = db.atomic(tx -> db.sql("SELECT 1 AS x").list().size());
        assertThat(rows).isEqualTo(1);
        assertThat(log.events).endsWith("ended committed=true failure=none");
    }
}
