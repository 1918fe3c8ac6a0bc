package io.covet.core.tx.internal;

import io.covet.core.tx.Transaction;
import io.covet.core.tx.TransactionListener;
import io.covet.core.tx.TxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The database's {@link TransactionListener}s as one: each call goes to every listener in order, and an exception a
 * listener throws is logged, not passed on (a listener must not break a transaction). With no listener every call
 * is a no-op on a shared instance.
 */
final class TxListeners {
    private static final Logger LOG = LoggerFactory.getLogger(TxListeners.class);

    private final String database;
    private final TransactionListener[] listeners;

    TxListeners(String database, List<TransactionListener> listeners) {
        this.database = database;
        this.listeners = listeners.toArray(new TransactionListener[0]);
    }

    TransactionListener.Block started(TxOptions options) {
        if (listeners.length == 0) {
            return TransactionListener.Block.NONE;
        }
        TransactionListener.Block[] blocks = new TransactionListener.Block[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            try {
                TransactionListener.Block b = listeners[i].started(database, options);
                blocks[i] = b != null ? b : TransactionListener.Block.NONE;
            } catch (RuntimeException e) {
                LOG.warn("transaction listener {} failed when block '{}' started; ignored",
                        listeners[i].getClass().getName(), options.name(), e);
                blocks[i] = TransactionListener.Block.NONE;
            }
        }
        return blocks.length == 1 ? guarded(blocks[0], options.name()) : new TransactionListener.Block() {
            private final TransactionListener.Block[] each = wrapAll(blocks, options.name());

            @Override
            public void attempt(Transaction transaction) {
                for (TransactionListener.Block b : each) {
                    b.attempt(transaction);
                }
            }

            @Override
            public void retrying(int attempt, Throwable failure, Duration pause) {
                for (TransactionListener.Block b : each) {
                    b.retrying(attempt, failure, pause);
                }
            }

            @Override
            public void ended(boolean committed, Throwable failure) {
                // Last started, first ended, so that what listeners made current is undone in reverse order.
                for (int i = each.length - 1; i >= 0; i--) {
                    each[i].ended(committed, failure);
                }
            }
        };
    }

    private static TransactionListener.Block[] wrapAll(TransactionListener.Block[] blocks, String name) {
        TransactionListener.Block[] out = new TransactionListener.Block[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            out[i] = guarded(blocks[i], name);
        }
        return out;
    }

    private static TransactionListener.Block guarded(TransactionListener.Block b, String name) {
        if (b == TransactionListener.Block.NONE) {
            return b;
        }
        return new TransactionListener.Block() {
            @Override
            public void attempt(Transaction transaction) {
                try {
                    b.attempt(transaction);
                } catch (RuntimeException e) {
                    LOG.warn("transaction listener failed at an attempt of block '{}'; ignored", name, e);
                }
            }

            @Override
            public void retrying(int attempt, Throwable failure, Duration pause) {
                try {
                    b.retrying(attempt, failure, pause);
                } catch (RuntimeException e) {
                    LOG.warn("transaction listener failed at a retry of block '{}'; ignored", name, e);
                }
            }

            @Override
            public void ended(boolean committed, Throwable failure) {
                try {
                    b.ended(committed, failure);
                } catch (RuntimeException e) {
                    LOG.warn("transaction listener failed at the end of block '{}'; ignored", name, e);
                }
            }
        };
    }
}
