package io.covet.core.tx.internal;

import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.internal.Lease;
import io.covet.core.internal.StatementExecutor;
import io.covet.core.tx.ExternalTransaction;
import io.covet.core.tx.ExternalTransactions;
import io.covet.core.tx.Propagation;
import io.covet.core.tx.RetryPolicy;
import io.covet.core.tx.Transaction;
import io.covet.core.tx.TransactionException;
import io.covet.core.tx.TxOptions;
import io.covet.core.tx.TxWork;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs the transaction blocks of one database: propagation, joined blocks and their savepoints, callbacks, and
 * two-phase branches. Outermost blocks (begin, commit or roll back, retries) are {@link Outermost}'s; which block is
 * current on each thread (per database, never shared between databases) is {@link CurrentBlocks}'. Internal:
 * reached through {@code Database.atomic} and {@code TwoPhaseCommit}.
 */
public final class TransactionManager implements AutoCloseable {
    final String database;
    final Engine engine;
    final StatementExecutor executor;
    final Connections connections;
    final CurrentBlocks blocks;
    final TxMetrics metrics;
    final LongTransactionMonitor monitor;
    final TxListeners listeners;
    /** Transactions a framework runs that Covet joins when no block of its own is current; null for none. */
    final ExternalTransactions external;
    private final Outermost outermost;

    /**
     * @param config     the database's configuration (pool size, metrics registry, long-transaction monitor)
     * @param engine     the live engine
     * @param dataSource where transactions borrow their connections
     * @param executor   the database's statement path, which this manager binds to the current transaction
     */
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
        this.blocks = new CurrentBlocks(database);
        this.outermost = new Outermost(this);
        executor.bindTransactions(new StatementExecutor.TransactionBinding() {
            @Override
            public Lease current() {
                return currentLease();
            }

            @Override
            public Transaction currentTransaction() {
                return blocks.forStatement();
            }
        });
    }

    private Lease currentLease() {
        Block b = blocks.forStatement();
        if (b != null) {
            return b.lease();
        }
        ExternalTransaction ext = currentExternal();
        return ext == null ? null : ExternalJoin.lease(ext);
    }

    /**
     * Lends read-only transactions their connection from {@code source} (a database's replicas) instead of the
     * primary. Set once, when the database opens.
     */
    public void readOnlySource(DataSource source) {
        connections.readOnlySource = source;
    }

    private ExternalTransaction currentExternal() {
        return external == null ? null : external.current();
    }

    /** The transaction current on the calling thread for this database. */
    public Optional<Transaction> current() {
        return Optional.ofNullable(blocks.get());
    }

    /** Runs {@code action} after the current transaction commits, or at once outside a transaction. */
    public void onCommit(Runnable action) {
        Block b = blocks.get();
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
        Block b = blocks.get();
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
        Block cur = blocks.get();
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
                return outermost.run(o, work, cur);
            }
            default -> {
                return cur == null ? outermost.run(o, work, null) : joined(cur, o, work);
            }
        }
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
        blocks.bind(parent, null);
        try {
            return joined(parent, o, work);
        } finally {
            blocks.restore(null);
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
        blocks.switchTo(b);
        T result;
        try {
            result = work.run(b);
        } catch (Throwable t) {
            blocks.switchTo(outer);
            throw Callbacks.<RuntimeException>sneaky(failJoined(b, b.timeoutFailure(t)));
        }
        blocks.switchTo(outer);
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

    // ---------------------------------------------------------------- two-phase commit branches

    /** Begins a branch of global transaction {@code gid} on this database and makes it current on this thread. */
    Branch beginBranch(String gid, String name) {
        Block cur = blocks.get();
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
        blocks.bind(root, null);
        return new Branch(this, st, root, gid);
    }

    void unbind() {
        if (blocks.get() != null) {
            blocks.restore(null);
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
