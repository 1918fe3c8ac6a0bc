package io.covet.core.internal;

import io.covet.core.pool.EvictionReason;
import io.covet.core.pool.LeakReport;
import io.covet.core.pool.PoolListener;
import io.covet.core.pool.PoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a pool's events go: the log, the listeners and, when a registry is configured, Covet's meters beside
 * HikariCP's ({@code covet.pool.evictions{reason}}, {@code covet.pool.leaks}, {@code covet.pool.exhausted},
 * {@code covet.pool.acquire.timeouts}, gauge {@code covet.pool.max}), tagged {@code database} and {@code pool}.
 */
final class PoolEvents {
    private static final Logger LOG = LoggerFactory.getLogger("io.covet.pool");

    private final String database;
    private final List<PoolListener> listeners;
    private final MeterRegistry registry;
    private final Tags tags;

    PoolEvents(String database, List<PoolListener> listeners, MeterRegistry registry, ManagedPool pool) {
        this.database = database;
        this.listeners = listeners;
        this.registry = registry;
        this.tags = Tags.of("database", database, "pool", "covet-" + database);
        if (registry != null) {
            Gauge.builder("covet.pool.max", pool, p -> p.sizer.maximum())
                    .description("the pool's current maximum size (moved by a dynamic sizing policy)")
                    .tags(tags).register(registry);
        }
    }

    void evicted(EvictionReason reason, Duration age) {
        LOG.debug("database '{}': a physical connection closed after {} ms ({})", database, age.toMillis(), reason);
        count("covet.pool.evictions", Tags.of("reason", reason.name().toLowerCase(java.util.Locale.ROOT)));
        fire(l -> l.evicted(database, reason, age));
    }

    void exhausted(PoolStats stats) {
        LOG.warn("database '{}': {} caller(s) have been waiting for a connection (pool {} of max {}, {} active)",
                database, stats.pending(), stats.size(), stats.maxSize(), stats.active());
        count("covet.pool.exhausted", Tags.empty());
        fire(l -> l.exhausted(database, stats));
    }

    void highUsage(PoolStats stats) {
        LOG.info("database '{}': {} of at most {} connections in use", database, stats.active(), stats.maxSize());
        fire(l -> l.highUsage(database, stats));
    }

    void acquireTimedOut(PoolStats stats) {
        count("covet.pool.acquire.timeouts", Tags.empty());
        fire(l -> l.acquireTimedOut(database, stats));
    }

    void leak(LeakReport leak) {
        StringBuilder where = new StringBuilder();
        leak.stack().stream().limit(20).forEach(e -> where.append("\n\tat ").append(e));
        LOG.warn("database '{}': a connection has been held {} ms by thread '{}' (leak threshold passed); it was "
                + "taken at:{}", database, leak.held().toMillis(), leak.thread(), where);
        count("covet.pool.leaks", Tags.empty());
        fire(l -> l.leak(database, leak));
    }

    static LeakReport report(PooledConnection.Lease lease, long now) {
        StackTraceElement[] stack = lease.stack();
        return new LeakReport(lease.threadName(), Duration.ofNanos(now - lease.at()),
                stack == null ? List.of() : Arrays.asList(stack));
    }

    private void count(String name, Tags extra) {
        if (registry != null) {
            Counter.builder(name).tags(tags.and(extra)).register(registry).increment();
        }
    }

    private void fire(Consumer<PoolListener> event) {
        for (PoolListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("pool listener {} of database '{}' failed", l.getClass().getName(), database, e);
            }
        }
    }
}
