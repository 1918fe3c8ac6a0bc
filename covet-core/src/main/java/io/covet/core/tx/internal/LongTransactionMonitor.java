package io.covet.core.tx.internal;

import io.covet.core.tx.LongTransaction;
import io.covet.core.tx.LongTransactionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches the open transactions of one database and reports, once each, those open past the threshold: a WARN
 * log with the block name and the stack where it began, the {@code covet.tx.long} counter, and the listener.
 * Its thread starts with the first transaction and stops when the database closes.
 */
final class LongTransactionMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(LongTransactionMonitor.class);

    private final String database;
    private final Duration threshold;
    private final LongTransactionListener listener;
    private final TxMetrics metrics;
    private final Set<TxState> open = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer; // guarded by this
    private boolean closed; // guarded by this

    LongTransactionMonitor(String database, Duration threshold, LongTransactionListener listener, TxMetrics metrics) {
        this.database = database;
        this.threshold = threshold;
        this.listener = listener;
        this.metrics = metrics;
    }

    boolean enabled() {
        return !threshold.isZero();
    }

    void opened(TxState tx) {
        if (!enabled()) {
            return;
        }
        open.add(tx);
        startIfNeeded();
    }

    void closed(TxState tx) {
        open.remove(tx);
    }

    private synchronized void startIfNeeded() {
        if (timer != null || closed) {
            return;
        }
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "covet-tx-monitor-" + database);
            th.setDaemon(true);
            return th;
        });
        long period = Math.max(10, Math.min(1000, threshold.toMillis() / 4));
        t.scheduleWithFixedDelay(this::scan, period, period, TimeUnit.MILLISECONDS);
        timer = t;
    }

    private void scan() {
        long now = System.nanoTime();
        for (TxState tx : open) {
            long age = now - tx.startNanos;
            if (tx.reportedLong || tx.ended || age < threshold.toNanos()) {
                continue;
            }
            tx.reportedLong = true;
            LongTransaction info = new LongTransaction(database, tx.name, tx.startedAt, Duration.ofNanos(age),
                    tx.thread, tx.beganAt == null ? java.util.List.of() : Arrays.asList(tx.beganAt.getStackTrace()));
            LOG.warn("{} (threshold {} ms); long transactions hold locks and a pooled connection",
                    info.summary(), threshold.toMillis(), tx.beganAt);
            metrics.longTransaction(tx.name);
            if (listener != null) {
                try {
                    listener.onLongTransaction(info);
                } catch (RuntimeException e) {
                    LOG.error("the long-transaction listener of database '{}' failed", database, e);
                }
            }
        }
    }

    synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
