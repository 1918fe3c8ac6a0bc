package io.covet.core.tx.internal;

import io.covet.core.error.DeadlockDetected;
import io.covet.core.tx.Isolation;
import io.covet.core.tx.RetryPolicy;
import io.covet.core.tx.TransactionException;
import io.covet.core.tx.TransactionListener;
import io.covet.core.tx.TxOptions;
import io.covet.core.tx.TxWork;
import io.covet.core.tx.ExternalTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Runs the outermost blocks of one database's {@link TransactionManager}: each attempt begins a transaction on a
 * borrowed connection (or a framework's), runs the work, commits or rolls back, returns the connection, and retries
 * as the block's {@link RetryPolicy} says, telling the listeners and metrics about each step.
 */
final class Outermost {
    // logs under the manager's name, as it did before outermost blocks had a class of their own
    private static final Logger LOG = LoggerFactory.getLogger(TransactionManager.class);

    private final TransactionManager tm;

    Outermost(TransactionManager tm) {
        this.tm = tm;
    }

    /** Runs an outermost block, suspending {@code suspended} (the block current before, or null) meanwhile. */
    <T, X extends Exception> T run(TxOptions o, TxWork<T, X> work, Block suspended) throws X {
        TransactionListener.Block told = tm.listeners.started(o);
        boolean[] committed = new boolean[1];
        Throwable thrown = null;
        try {
            return attempts(o, work, suspended, told, committed);
        } catch (Throwable t) {
            thrown = t;
            throw t;
        } finally {
            told.ended(committed[0], thrown);
        }
    }

    private <T, X extends Exception> T attempts(TxOptions o, TxWork<T, X> work, Block suspended,
                                                 TransactionListener.Block told, boolean[] committed) throws X {
        RetryPolicy policy = o.retry();
        for (int attempt = 1; ; attempt++) {
            tm.metrics.attempt(o.name());
            TxState st;
            try {
                st = begin(o, attempt, suspended);
            } catch (TransactionException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!pauseBeforeRetry(policy, e, attempt, o.name(), told)) {
                    throw e;
                }
                continue;
            }
            Block root = new Block(st, null, o.name(), null, o.timeout());
            told.attempt(root);
            tm.blocks.bind(root, suspended);
            T result = null;
            Throwable failure = null;
            try {
                result = work.run(root);
            } catch (Throwable t) {
                failure = t;
            } finally {
                tm.blocks.restore(suspended);
            }
            failure = root.timeoutFailure(failure);
            boolean mayRetry = failure != null && policy.shouldRetry(failure, attempt);
            Outcome out = finish(st, root, failure, !mayRetry);
            if (out.committed) {
                tm.metrics.commit(o.name());
                committed[0] = true;
                Callbacks.afterCommit(o.name(), root.commitActions());
                return result;
            }
            tm.metrics.rollback(o.name());
            Throwable f = out.failure;
            Callbacks.afterRollback(o.name(), root.rollbackActions(), f);
            if (f == null) {
                return result; // setRollbackOnly: the work asked for the rollback
            }
            if (!pauseBeforeRetry(policy, f, attempt, o.name(), told)) {
                throw Callbacks.<RuntimeException>sneaky(f);
            }
        }
    }

    private boolean pauseBeforeRetry(RetryPolicy policy, Throwable failure, int attempt, String name,
                                     TransactionListener.Block told) {
        if (!policy.shouldRetry(failure, attempt)) {
            return false;
        }
        tm.metrics.retry(name);
        Duration pause = policy.backoff(attempt);
        told.retrying(attempt, failure, pause);
        LOG.debug("transaction '{}' attempt {} failed ({}); retrying in {} ms", name, attempt, failure, pause.toMillis());
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            return false;
        }
    }

    private TxState begin(TxOptions o, int attempt, Block suspended) {
        boolean readOnly = o.readOnly().orElse(false);
        Isolation asked = o.isolation().orElse(null);
        boolean immediate = EngineTx.locksForWritesAtBegin(tm.engine, o.sqliteImmediate(), readOnly);
        ExternalTransaction ext = tm.external == null ? null : tm.external.begin(o);
        if (ext != null) {
            TxState st = new TxState(tm, ext.connection(), o.name(), EngineTx.effective(tm.engine, asked), readOnly,
                    false, attempt, tm.monitor.enabled(), suspended);
            st.external = ext;
            tm.monitor.opened(st);
            return st;
        }
        Connection c = tm.connections.borrow(o.name(), suspended, !readOnly);
        try {
            tm.executor.control("BEGIN (transaction '" + o.name() + "')", null, () -> {
                EngineTx.begin(tm.engine, c, asked, readOnly, immediate);
                return null;
            });
        } catch (SQLException e) {
            RuntimeException failure = tm.executor.translate("BEGIN (transaction '" + o.name() + "')", e);
            tm.connections.release(c, readOnly, false);
            throw failure;
        }
        TxState st = new TxState(tm, c, o.name(), EngineTx.effective(tm.engine, asked), readOnly, immediate, attempt,
                tm.monitor.enabled(), suspended);
        tm.monitor.opened(st);
        return st;
    }

    record Outcome(boolean committed, Throwable failure) {
    }

    /** Commits or rolls back the attempt, then returns its connection reset to the pool. */
    private Outcome finish(TxState st, Block root, Throwable failure, boolean diagnose) {
        Thread busy = st.endAndAwaitIdle();
        Throwable f = failure;
        if (busy != null && f == null) {
            f = new TransactionException("transaction '" + st.name + "' ended while thread '" + busy.getName()
                    + "' was still running a statement in it, so it was rolled back. Wait for work carried to "
                    + "other threads (join its futures) before the block returns");
        }
        if (f == null && st.doomed != null) {
            f = st.doomed;
        }
        if (st.external != null) {
            return ExternalJoin.end(st, f, tm.monitor);
        }
        boolean committed = false;
        Connection c = st.connection;
        if (f == null && !st.rollbackOnly) {
            try {
                tm.executor.control("COMMIT", root, () -> {
                    EngineTx.commit(tm.engine, c);
                    return null;
                });
                committed = true;
            } catch (SQLException e) {
                f = tm.executor.translate("COMMIT (transaction '" + st.name + "')", e);
            }
        }
        boolean broken = false;
        if (!committed) {
            try {
                tm.executor.control("ROLLBACK", root, () -> {
                    EngineTx.rollback(tm.engine, c);
                    return null;
                });
            } catch (SQLException e) {
                broken = true;
                if (f != null) {
                    f.addSuppressed(e);
                } else {
                    f = tm.executor.translate("ROLLBACK (transaction '" + st.name + "')", e);
                }
            }
            if (diagnose && f instanceof DeadlockDetected d && !broken) {
                f = d.withDiagnostics(DeadlockDiagnostics.capture(tm.engine, c));
            }
        }
        tm.monitor.closed(st);
        Throwable resetFailure = tm.connections.release(c, st.readOnly, broken);
        if (resetFailure != null && f == null && !committed) {
            f = resetFailure;
        }
        return new Outcome(committed, f);
    }
}
