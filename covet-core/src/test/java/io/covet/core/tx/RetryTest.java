package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.core.error.UniqueViolation;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.covet.core.tx.Fixtures.conflict;
import static io.covet.core.tx.Fixtures.conflictOptions;
import static io.covet.core.tx.Fixtures.counter;
import static io.covet.core.tx.Fixtures.counterTable;
import static io.covet.core.tx.Fixtures.ids;
import static io.covet.core.tx.Fixtures.insert;
import static io.covet.core.tx.Fixtures.itemTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RetryTest {

    @AllEngines
    void aRealConflictRetriesTheWholeBlockAndOnlyTheFinalAttemptsCallbacksRun(Scratch s) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Database db = s.open(b -> b.meterRegistry(registry));
        counterTable(db);
        itemTable(db);
        AtomicInteger attempts = new AtomicInteger();
        List<String> events = new CopyOnWriteArrayList<>();
        int seen = db.atomic(conflictOptions(s.engine()).build(), tx -> {
            int attempt = attempts.incrementAndGet();
            assertThat(tx.attempt()).isEqualTo(attempt);
            tx.onCommit(() -> events.add("commit of attempt " + tx.attempt()));
            tx.onRollback(() -> events.add("rollback of attempt " + tx.attempt()));
            if (attempt == 1) {
                conflict(s, db); // the engine fails this attempt
            } else {
                db.sql("UPDATE counter SET v = v + 1 WHERE id = 1").execute();
            }
            insert(db, 10 + attempt);
            return counter(db);
        });
        assertThat(attempts).hasValue(2);
        assertThat(seen).isEqualTo(1);
        assertThat(counter(db)).as("the failed attempt's increment was rolled back").isEqualTo(1);
        assertThat(ids(db)).containsExactly(12);
        assertThat(events).containsExactly("rollback of attempt 1", "commit of attempt 2");
        assertThat(registry.counter("covet.tx.attempts", "db", "default", "block", "conflicted").count()).isEqualTo(2);
        assertThat(registry.counter("covet.tx.retries", "db", "default", "block", "conflicted").count()).isEqualTo(1);
        assertThat(registry.counter("covet.tx.commits", "db", "default", "block", "conflicted").count()).isEqualTo(1);
    }

    @AllEngines
    void anInnerBlockPassesARetryableFailureUpAndTheOutermostRetriesEvenIfItWasCaught(Scratch s) throws Exception {
        Database db = s.db();
        counterTable(db);
        AtomicInteger attempts = new AtomicInteger();
        db.atomicRun(conflictOptions(s.engine()).build(), outer -> {
            int attempt = attempts.incrementAndGet();
            try {
                db.atomicRun(inner -> {
                    if (attempt == 1) {
                        conflict(s, db);
                    } else {
                        db.sql("UPDATE counter SET v = v + 1 WHERE id = 1").execute();
                    }
                });
            } catch (RuntimeException caught) {
                assertThat(RetryPolicy.retryableByDefault(caught)).isTrue();
                assertThat(outer.isRollbackOnly()).isTrue();
            }
        });
        assertThat(attempts).hasValue(2);
        assertThat(counter(db)).isEqualTo(1);
    }

    @AllEngines
    void aFailureTheEngineDoesNotAskToRetryIsNotRetried(Scratch s) {
        Database db = s.db();
        itemTable(db);
        insert(db, 1);
        AtomicInteger attempts = new AtomicInteger();
        Throwable e = catchThrowable(() -> db.atomicRun(tx -> {
            attempts.incrementAndGet();
            insert(db, 2);
            insert(db, 1);
        }));
        assertThat(e).isInstanceOf(UniqueViolation.class);
        assertThat(attempts).hasValue(1);
        assertThat(ids(db)).containsExactly(1);
    }

    @AllEngines
    void whenAttemptsRunOutTheLastFailureReachesTheCaller(Scratch s) {
        Database db = s.db();
        counterTable(db);
        AtomicInteger attempts = new AtomicInteger();
        TxOptions twice = conflictOptions(s.engine()).retry(RetryPolicy.builder().maxAttempts(2)
                .initialBackoff(Duration.ZERO).build()).build();
        Throwable e = catchThrowable(() -> db.atomicRun(twice, tx -> {
            attempts.incrementAndGet();
            conflict(s, db);
        }));
        assertThat(RetryPolicy.retryableByDefault(e)).as(String.valueOf(e)).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(counter(db)).isZero();
    }

    @Test
    void backoffGrowsExponentiallyWithinItsJitterAndCap() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).multiplier(2)
                .maxBackoff(Duration.ofMillis(350)).jitter(0.5).maxAttempts(5).build();
        for (int i = 0; i < 50; i++) {
            assertThat(p.backoff(1).toMillis()).isBetween(50L, 100L);
            assertThat(p.backoff(2).toMillis()).isBetween(100L, 200L);
            assertThat(p.backoff(4).toMillis()).isBetween(175L, 350L);
        }
        RetryPolicy custom = RetryPolicy.builder().retryOn(t -> t instanceof IllegalStateException).build();
        assertThat(custom.shouldRetry(new IllegalStateException(), 1)).isTrue();
        assertThat(custom.shouldRetry(new IllegalStateException(), 3)).isFalse();
        assertThat(custom.shouldRetry(new IllegalArgumentException(), 1)).isFalse();
        assertThat(RetryPolicy.none().shouldRetry(new IllegalStateException(), 1)).isFalse();
    }
}
