package io.covet.core.tx.internal;

import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.error.DeadlockDetected;
import io.covet.core.internal.Lease;
import io.covet.core.internal.StatementExecutor;
import io.covet.core.tx.ExternalTransaction;
import io.covet.core.tx.ExternalTransactions;
import io.covet.core.tx.Isolation;
import io.covet.core.tx.Propagation;
import io.covet.core.tx.RetryPolicy;
import io.covet.core.tx.Transaction;
import io.covet.core.tx.TransactionException;
import io.covet.core.tx.TransactionListener;
import io.covet.core.tx.TxOptions;
import io.covet.core.tx.TxWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the transaction blocks of one database: propagation, savepoints, retries, callbacks, and the binding of
 * the current transaction to the thread (per database, never shared between databases). Internal: reached
 * through {@code Database.atomic} and {@code TwoPhaseCommit}.
 */
public final class TransactionManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionManager.class);

    final String database;
    final Engine engine;
    final StatementExecutor executor;
    private final Connections connections;
    private final ThreadLocal<Block> current = new ThreadLocal<>();
    /**
     * How many threads have a block of this database current. While none has, a statement's lookup of its
     * transaction skips the thread-local map (a hashed probe on every statement, and an entry left in the map of
     * every thread that ever ran one). A thread's own increment precedes its block and its decrement follows it,
     * so the thread that has a block current always reads a count above zero.
     */
    private final AtomicInteger bound = new AtomicInteger();
    private final TxMetrics metrics;
    private final LongTransactionMonitor monitor;
    private final TxListeners listeners;
    /** Transactions a framework runs that Covet joins when no block of its own is current; null for none. */
    private final ExternalTransactions external;

    /**
     * @param config     the database's configuration (pool size, metrics registry, long-transaction monitor)
     * @param engine     the live engine
     * @param dataSource where transactions borrow their connections
     * @param executor   the database's statement path, which this manager binds to the current transaction
     */
    /**
     * Lends read-only transactions their connection from {@code source} (a database's replicas) instead of the
     * primary. Set once, when the database opens.
     */
    public void readOnlySource(DataSource source) {
        connections.readOnlySource = source;
    }

    public TransactionManager(DatabaseConfig config, Engine engine, DataSource dataSource, StatementExecutor executor) {
        this.database = config.name();
        this.engine = engine;
        this.executor = executor;
        this.connections = new Connections(this, dataSource, config.dataSource().isPresent() ? -1
                : config.maxPoolSize());
        this.metrics = new TxMetrics(config.meterRegistry().orElse(null), database);
        this.listeners = new TxListeners(database, config.transactionListeners());
        this.external = config.externalTransactions().orElse(null);
        this.monitor = new LongTransactionMonitor(database, config.longTransactionThreshold(),
                config.longTransactionListener().orElse(null), metrics);
        executor.bindTransactions(new StatementExecutor.TransactionBinding() {
            @Override
            public Lease current() {
                return currentLease();
            }

            @Override
            public Transaction currentTransaction() {
                return bound.get() == 0 ? null : current.get();
            }
        });
    }

    private Lease currentLease() {
        Block b = bound.get() == 0 ? null : current.get();
        if (b != null) {
            return b.lease();
        }
        ExternalTransaction ext = currentExternal();
        return ext == null ? null : ExternalJoin.lease(ext);
    }

    private ExternalTransaction currentExternal() {
        return external == null ? null : external.current();
    }

    /** The transaction current on the calling thread for this database. */
    public Optional<Transaction> current() {
        return Optional.ofNullable(current.get());
    }

    /** Runs {@code action} after the current transaction commits, or at once outside a transaction. */
    public void onCommit(Runnable action) {
        Block b = current.get();
        ExternalTransaction ext;
        if (b == null && (ext = currentExternal()) != null) {
            ext.afterCommit(action);
        } else if (b == null) {
            action.run();
        } else {
            b.onCommit(action);
        }
    }

    /** Runs {@code action} if the current transaction rolls back; refused outside a transaction. */
    public void onRollback(Runnable action) {
        Block b = current.get();
        ExternalTransaction ext;
        if (b == null && (ext = currentExternal()) != null) {
            ext.afterRollback(action);
            return;
        }
        if (b == null) {
            throw noRollbackOutside("(none)");
        }
        b.onRollback(action);
    }

    static TransactionException noRollbackOutside(String block) {
        return new TransactionException("onRollback outside a transaction (block " + block + ") would never run: "
                + "nothing is rolled back there. Register it inside an atomic block");
    }

    /** Runs a block with the given options; see {@code Database.atomic}. */
    public <T, X extends Exception> T atomic(TxOptions o, TxWork<T, X> work) throws X {
        Block cur = current.get();
        Propagation p = o.propagation();
        ExternalTransaction ext;
        if (cur == null && p != Propagation.REQUIRES_NEW && (ext = currentExternal()) != null) {
            return joinExternal(ext, o, work);
        }
        if (o.durable() && cur != null && p != Propagation.REQUIRES_NEW) {
            throw new TransactionException("durable block '" + o.name() + "' must be the outermost transaction, "
                    + "but it is nested in transaction '" + cur.state.name + "' (block '" + cur.name + "'), whose "
                    + "rollback would undo it. Call it outside any atomic block, or drop durable");
        }
        switch (p) {
            case NEVER -> {
                if (cur != null) {
                    throw new TransactionException("block '" + o.name() + "' must run outside a transaction "
                            + "(Propagation.NEVER), but transaction '" + cur.state.name + "' is current on this "
                            + "thread for database '" + database + "'");
                }
                return work.run(new Unbound(database, o.name(), EngineTx.defaultIsolation(engine)));
            }
            case MANDATORY -> {
                if (cur == null) {
                    throw new TransactionException("block '" + o.name() + "' must join a transaction "
                            + "(Propagation.MANDATORY), but none is current on this thread for database '"
                            + database + "'. Call it from inside an atomic block");
                }
                return joined(cur, o, work);
            }
            case REQUIRES_NEW -> {
                return outermost(o, work, cur);
            }
            default -> {
                return cur == null ? outermost(o, work, null) : joined(cur, o, work);
            }
        }
    }

    // ---------------------------------------------------------------- outermost blocks and retries

    private <T, X extends Exception> T outermost(TxOptions o, TxWork<T, X> work, Block suspended) throws X {
        TransactionListener.Block told = listeners.started(o);
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
            metrics.attempt(o.name());
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
            bind(root, suspended);
            T result = null;
            Throwable failure = null;
            try {
                result = work.run(root);
            } catch (Throwable t) {
                failure = t;
            } finally {
                restore(suspended);
            }
            failure = root.timeoutFailure(failure);
            boolean mayRetry = failure != null && policy.shouldRetry(failure, attempt);
            Outcome out = finish(st, root, failure, !mayRetry);
            if (out.committed) {
                metrics.commit(o.name());
                committed[0] = true;
                Callbacks.afterCommit(o.name(), root.commitActions());
                return result;
            }
            metrics.rollback(o.name());
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
        metrics.retry(name);
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
        boolean immediate = EngineTx.locksForWritesAtBegin(engine, o.sqliteImmediate(), readOnly);
        ExternalTransaction ext = external == null ? null : external.begin(o);
        if (ext != null) {
            TxState st = new TxState(this, ext.connection(), o.name(), EngineTx.effective(engine, asked), readOnly,
                    false, attempt, monitor.enabled(), suspended);
            st.external = ext;
            monitor.opened(st);
            return st;
        }
        Connection c = connections.borrow(o.name(), suspended, !readOnly);
        try {
            executor.control("BEGIN (transaction '" + o.name() + "')", null, () -> {
                EngineTx.begin(engine, c, asked, readOnly, immediate);
                return null;
            });
        } catch (SQLException e) {
            RuntimeException failure = executor.translate("BEGIN (transaction '" + o.name() + "')", e);
            connections.release(c, readOnly, false);
            throw failure;
        }
        TxState st = new TxState(this, c, o.name(), EngineTx.effective(engine, asked), readOnly, immediate, attempt,
                monitor.enabled(), suspended);
        monitor.opened(st);
        return st;
    }

    /** Makes {@code b} current on this thread, where {@code previous} was. */
    private void bind(Block b, Block previous) {
        if (previous == null) {
            bound.incrementAndGet();
        }
        current.set(b);
    }

    /** Makes {@code previous} current again after a block that {@link #bind} made current. */
    private void restore(Block previous) {
        // set(null), not remove(): the entry stays in the thread's map, so the next transaction does not
        // allocate a new one.
        current.set(previous);
        if (previous == null) {
            bound.decrementAndGet();
        }
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
            return ExternalJoin.end(st, f, monitor);
        }
        boolean committed = false;
        Connection c = st.connection;
        if (f == null && !st.rollbackOnly) {
            try {
                executor.control("COMMIT", root, () -> {
                    EngineTx.commit(engine, c);
                    return null;
                });
                committed = true;
            } catch (SQLException e) {
                f = executor.translate("COMMIT (transaction '" + st.name + "')", e);
            }
        }
        boolean broken = false;
        if (!committed) {
            try {
                executor.control("ROLLBACK", root, () -> {
                    EngineTx.rollback(engine, c);
                    return null;
                });
            } catch (SQLException e) {
                broken = true;
                if (f != null) {
                    f.addSuppressed(e);
                } else {
                    f = executor.translate("ROLLBACK (transaction '" + st.name + "')", e);
                }
            }
            if (diagnose && f instanceof DeadlockDetected d && !broken) {
                f = d.withDiagnostics(DeadlockDiagnostics.capture(engine, c));
            }
        }
        monitor.closed(st);
        Throwable resetFailure = connections.release(c, st.readOnly, broken);
        if (resetFailure != null && f == null && !committed) {
            f = resetFailure;
        }
        return new Outcome(committed, f);
    }

    // ---------------------------------------------------------------- joined blocks and savepoints

    /**
     * Runs a block inside a transaction a framework runs: the external transaction stands as the parent block,
     * so {@code work} runs as a joined block (under a savepoint unless asked not to); callbacks and a condemned
     * transaction are handed to the framework, which commits or rolls back.
     */
    private <T, X extends Exception> T joinExternal(ExternalTransaction ext, TxOptions o, TxWork<T, X> work) throws X {
        if (o.durable() || o.propagation() == Propagation.NEVER) {
            throw new TransactionException("block '" + o.name() + "' must " + (o.durable()
                    ? "be the outermost transaction (durable)" : "run outside a transaction (Propagation.NEVER)")
                    + ", but the external transaction '" + ext.name() + "' is active on this thread for database '"
                    + database + "'. Call it outside that transaction, or use Propagation.REQUIRES_NEW");
        }
        TxState st = ExternalJoin.state(this, ext);
        Block parent = new Block(st, null, ext.name(), null, Duration.ZERO);
        bind(parent, null);
        try {
            return joined(parent, o, work);
        } finally {
            restore(null);
            ExternalJoin.handOver(st, parent);
        }
    }

    private <T, X extends Exception> T joined(Block outer, TxOptions o, TxWork<T, X> work) throws X {
        TxState st = outer.state;
        o.isolation().map(i -> EngineTx.effective(engine, i)).filter(i -> i != st.isolation).ifPresent(i -> {
            throw new TransactionException("block '" + o.name() + "' asks for " + i.sql() + " isolation but joins "
                    + "transaction '" + st.name + "', which runs at " + st.isolation.sql() + ": a transaction has "
                    + "one isolation level. Ask for it on the outermost block, or use Propagation.REQUIRES_NEW for "
                    + "an independent transaction");
        });
        o.readOnly().filter(r -> r != st.readOnly).ifPresent(r -> {
            throw new TransactionException("block '" + o.name() + "' asks to be " + (r ? "read-only" : "read-write")
                    + " but joins transaction '" + st.name + "', which is " + (st.readOnly ? "read-only" : "read-write")
                    + ". Set readOnly on the outermost block, or use Propagation.REQUIRES_NEW");
        });
        boolean useSavepoint = o.savepoint() || o.propagation() == Propagation.NESTED;
        String sp = useSavepoint ? st.nextSavepoint() : null;
        if (sp != null) {
            st.control("SAVEPOINT " + sp, outer, () -> EngineTx.savepoint(st.connection, sp));
        }
        Block b = new Block(st, outer, o.name(), sp, o.timeout());
        current.set(b);
        T result;
        try {
            result = work.run(b);
        } catch (Throwable t) {
            current.set(outer);
            throw Callbacks.<RuntimeException>sneaky(failJoined(b, b.timeoutFailure(t)));
        }
        current.set(outer);
        Throwable late = b.timeoutFailure(null);
        if (late != null) {
            throw Callbacks.<RuntimeException>sneaky(failJoined(b, late));
        }
        if (sp != null) {
            try {
                st.control("RELEASE SAVEPOINT " + sp, b, () -> EngineTx.release(st.connection, sp));
            } catch (RuntimeException e) {
                throw Callbacks.<RuntimeException>sneaky(failJoined(b, e));
            }
        }
        b.mergeIntoParent();
        return result;
    }

    /**
     * Undoes a failed joined block: back to its savepoint when it has one and the failure leaves the transaction
     * usable; otherwise the whole transaction is condemned to roll back at its end.
     */
    private Throwable failJoined(Block b, Throwable t) {
        TxState st = b.state;
        if (RetryPolicy.retryableByDefault(t)) {
            // MariaDB has already rolled the whole transaction back on a deadlock, and a PostgreSQL
            // serialization failure invalidates the snapshot: only a fresh attempt of the outermost block helps.
            st.doom(t);
        }
        if (b.savepoint != null && st.doomed == null && !st.ended) {
            try {
                st.control("ROLLBACK TO SAVEPOINT " + b.savepoint, b,
                        () -> EngineTx.rollbackTo(st.connection, b.savepoint));
                b.discardCallbacks();
                return t;
            } catch (RuntimeException e) {
                t.addSuppressed(e);
            }
        }
        if (st.doomed == null) {
            st.doom(new TransactionException("transaction '" + st.name + "' must roll back: its block '" + b.name
                    + "' failed" + (b.savepoint == null ? " without a savepoint of its own" : " and its savepoint "
                    + "could not be restored") + ", so its partial work cannot be undone alone (" + t + ")", t));
        }
        b.mergeIntoParent();
        return t;
    }

    // ---------------------------------------------------------------- context propagation

    Runnable carry(Block b, Runnable task) {
        return () -> {
            Block previous = enterCarried(b);
            try {
                task.run();
            } finally {
                restore(previous);
            }
        };
    }

    <T> Callable<T> carry(Block b, Callable<T> task) {
        return () -> {
            Block previous = enterCarried(b);
            try {
                return task.call();
            } finally {
                restore(previous);
            }
        };
    }

    private Block enterCarried(Block b) {
        Block previous = current.get();
        if (previous != null && previous.state != b.state) {
            throw new TransactionException("cannot carry transaction '" + b.state.name + "' to thread '"
                    + Thread.currentThread().getName() + "': transaction '" + previous.state.name + "' of database '"
                    + database + "' is already current there");
        }
        bind(b, previous);
        return previous;
    }

    // ---------------------------------------------------------------- two-phase commit branches

    /** Begins a branch of global transaction {@code gid} on this database and makes it current on this thread. */
    Branch beginBranch(String gid, String name) {
        Block cur = current.get();
        if (cur != null) {
            throw new TransactionException("two-phase transaction '" + name + "' cannot start on database '" + database
                    + "': transaction '" + cur.state.name + "' is already current on this thread");
        }
        Connection c = connections.borrow(name, null, true);
        try {
            executor.control("BEGIN (branch '" + gid + "')", null, () -> {
                EngineTx.beginBranch(engine, c, gid);
                return null;
            });
        } catch (SQLException e) {
            RuntimeException failure = executor.translate("begin branch " + gid, e);
            connections.release(c, false, false);
            throw failure;
        }
        TxState st = new TxState(this, c, name, EngineTx.defaultIsolation(engine), false, false, 1,
                monitor.enabled(), null);
        monitor.opened(st);
        Block root = new Block(st, null, name, null, Duration.ZERO);
        bind(root, null);
        return new Branch(this, st, root, gid);
    }

    void unbind() {
        if (current.get() != null) {
            restore(null);
        }
    }

    void ended(TxState st, Connection c, boolean evict) {
        monitor.closed(st);
        connections.release(c, false, evict);
    }

    /** Runs {@code work} on a fresh pooled connection, outside any transaction (recovery). */
    <T> T onFreshConnection(EngineTx.SqlFunction<T> work, String what) {
        return connections.fresh(work, what);
    }

    /** Stops the long-transaction monitor. */
    @Override
    public void close() {
        monitor.close();
    }

    List<String> inDoubt(String prefix) {
        return onFreshConnection(c -> EngineTx.inDoubt(engine, c, prefix), "list prepared transactions");
    }
}
