package io.covet.observe;

import io.covet.core.tx.Transaction;
import io.covet.core.tx.TransactionListener;
import io.covet.core.tx.TxOptions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

import java.time.Duration;

/**
 * Observability's {@link TransactionListener}: keeps the open transactions for the snapshot, makes each outermost
 * block a unit of work for N+1 detection, and, when tracing, opens a span per block (current while the block
 * runs, so its statements' spans are its children) with each retry as an event.
 */
final class TxObserver implements TransactionListener {
    private final DatabaseObserver db;

    TxObserver(DatabaseObserver db) {
        this.db = db;
    }

    /** An open block, as the snapshot shows it. */
    static final class Open {
        final String name;
        final String thread;
        final long startNanos;
        volatile int attempt = 1;

        Open(String name) {
            this.name = name;
            this.thread = Thread.currentThread().getName();
            this.startNanos = System.nanoTime();
        }

        ObservabilitySnapshot.OpenTransaction view(long now) {
            return new ObservabilitySnapshot.OpenTransaction(name, thread, (now - startNanos) / 1e6, attempt);
        }
    }

    @Override
    public Block started(String database, TxOptions options) {
        Hub hub = db.hub;
        if (hub.closed) {
            return Block.NONE;
        }
        Open open = new Open(options.name());
        db.open.put(open, open);
        NPlusOne.Unit unit = db.settings.nPlusOne() != NPlusOneMode.OFF
                ? hub.nPlusOne().transactionStarted(options.name()) : null;
        Tracing tracing = db.settings.tracing() ? hub.tracing() : null;
        Span span = tracing == null ? null : tracing.transactionSpan(db, options.name());
        Scope scope = span == null ? null : span.makeCurrent();
        return new Block() {
            @Override
            public void attempt(Transaction transaction) {
                open.attempt = transaction.attempt();
            }

            @Override
            public void retrying(int attempt, Throwable failure, Duration pause) {
                if (span != null) {
                    Tracing.retry(span, attempt, failure, pause);
                }
            }

            @Override
            public void ended(boolean committed, Throwable failure) {
                db.open.remove(open);
                hub.nPlusOne().transactionEnded(unit);
                if (scope != null) {
                    scope.close();
                }
                if (span != null) {
                    Tracing.endTransaction(span, open.attempt, committed, failure);
                }
            }
        };
    }
}
