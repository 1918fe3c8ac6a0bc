package io.covet.core.tx.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Transaction counters, tagged with the database and the block name: {@code covet.tx.attempts},
 * {@code covet.tx.retries}, {@code covet.tx.commits}, {@code covet.tx.rollbacks}, {@code covet.tx.long}.
 * Records nothing when the database has no registry.
 */
final class TxMetrics {
    private final MeterRegistry registry;
    private final String database;

    TxMetrics(MeterRegistry registry, String database) {
        this.registry = registry;
        this.database = database;
    }

    void attempt(String block) {
        count("covet.tx.attempts", "Attempts of outermost transaction blocks, retries included", block);
    }

    void retry(String block) {
        count("covet.tx.retries", "Attempts rolled back and run again by the retry policy", block);
    }

    void commit(String block) {
        count("covet.tx.commits", "Transactions committed", block);
    }

    void rollback(String block) {
        count("covet.tx.rollbacks", "Transaction attempts rolled back", block);
    }

    void longTransaction(String block) {
        count("covet.tx.long", "Transactions open longer than the long-transaction threshold", block);
    }

    private void count(String name, String description, String block) {
        if (registry != null) {
            Counter.builder(name).description(description).tag("db", database).tag("block", block)
                    .register(registry).increment();
        }
    }
}
