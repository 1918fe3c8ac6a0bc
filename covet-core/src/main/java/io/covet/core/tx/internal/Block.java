package io.covet.core.tx.internal;

import io.covet.core.error.QueryTimeout;
import io.covet.core.internal.Lease;
import io.covet.core.tx.Isolation;
import io.covet.core.tx.Transaction;
import io.covet.core.tx.TransactionException;
import io.covet.core.tx.TransactionTimeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * One running transaction block: the outermost block of a {@link TxState}, or a block joined to it (with or
 * without a savepoint). Holds the callbacks registered while it runs, and its deadline.
 */
final class Block implements Transaction {
    final TxState state;
    final Block parent;
    final String name;
    final int depth;
    /** The savepoint this block runs under, or null. */
    final String savepoint;
    private final boolean bounded;
    private final long deadline;
    private final Duration timeout;
    private List<Runnable> onCommit;   // guarded by state
    private List<Runnable> onRollback; // guarded by state

    Block(TxState state, Block parent, String name, String savepoint, Duration timeout) {
        this.state = state;
        this.parent = parent;
        this.name = name;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.savepoint = savepoint;
        long now = System.nanoTime();
        boolean own = !timeout.isZero();
        long ownDeadline = own ? now + timeout.toNanos() : 0;
        if (parent != null && parent.bounded && (!own || parent.deadline - ownDeadline < 0)) {
            this.bounded = true;
            this.deadline = parent.deadline;
            this.timeout = parent.timeout;
        } else {
            this.bounded = own;
            this.deadline = ownDeadline;
            this.timeout = timeout;
        }
    }

    boolean expired() {
        return bounded && System.nanoTime() - deadline >= 0;
    }

    /** A lease on the transaction's connection for one statement run by the calling thread. */
    Lease lease() {
        if (expired()) {
            throw new TransactionTimeout("transaction block '" + name + "' has used up its timeout of "
                    + timeout.toMillis() + " ms, so no further statement may start; it will be rolled back. Give "
                    + "it more time (TxOptions.timeout) or make it do less", null);
        }
        state.enter();
        return Lease.bound(state.connection, new Lease.Binding() {
            private boolean released;

            @Override
            public Duration timeout(Duration requested) {
                if (!bounded) {
                    return requested;
                }
                long left = Math.max(1_000_000, deadline - System.nanoTime());
                return requested.isZero() || requested.toNanos() > left ? Duration.ofNanos(left) : requested;
            }

            @Override
            public void release() {
                if (!released) {
                    released = true;
                    state.exit();
                }
            }
        });
    }

    /**
     * The failure to report for this block given what its work threw: a statement cancelled at the deadline,
     * or a block that ended late, becomes {@link TransactionTimeout}.
     */
    Throwable timeoutFailure(Throwable failure) {
        if (!bounded || failure instanceof TransactionTimeout) {
            return failure;
        }
        boolean late = System.nanoTime() - deadline >= -5_000_000L;
        if (failure == null && expired()) {
            return new TransactionTimeout("transaction block '" + name + "' ran past its timeout of "
                    + timeout.toMillis() + " ms and was rolled back. Give it more time (TxOptions.timeout) or "
                    + "make it do less", null);
        }
        if (failure instanceof QueryTimeout && late) {
            return new TransactionTimeout("transaction block '" + name + "' ran past its timeout of "
                    + timeout.toMillis() + " ms: the engine cancelled the running statement and the block was "
                    + "rolled back. Give it more time (TxOptions.timeout) or make it do less", failure);
        }
        return failure;
    }

    void addCallback(boolean commit, Runnable action) {
        if (action == null) {
            throw new NullPointerException("action");
        }
        synchronized (state) {
            if (state.ended) {
                throw new TransactionException("transaction '" + state.name + "' has already ended; register "
                        + (commit ? "onCommit" : "onRollback") + " actions while its block runs");
            }
            if (commit) {
                onCommit = add(onCommit, action);
            } else {
                onRollback = add(onRollback, action);
            }
        }
    }

    private static List<Runnable> add(List<Runnable> list, Runnable action) {
        List<Runnable> l = list == null ? new ArrayList<>(2) : list;
        l.add(action);
        return l;
    }

    /** Hands this block's callbacks to its parent: the block's work became part of the parent's. */
    void mergeIntoParent() {
        synchronized (state) {
            if (onCommit != null) {
                parent.onCommit = parent.onCommit == null ? onCommit : addAll(parent.onCommit, onCommit);
            }
            if (onRollback != null) {
                parent.onRollback = parent.onRollback == null ? onRollback : addAll(parent.onRollback, onRollback);
            }
            onCommit = null;
            onRollback = null;
        }
    }

    private static List<Runnable> addAll(List<Runnable> into, List<Runnable> more) {
        into.addAll(more);
        return into;
    }

    /** Forgets this block's callbacks: its savepoint was rolled back. */
    void discardCallbacks() {
        synchronized (state) {
            onCommit = null;
            onRollback = null;
        }
    }

    List<Runnable> commitActions() {
        synchronized (state) {
            return onCommit == null ? List.of() : List.copyOf(onCommit);
        }
    }

    List<Runnable> rollbackActions() {
        synchronized (state) {
            return onRollback == null ? List.of() : List.copyOf(onRollback);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String database() {
        return state.manager.database;
    }

    @Override
    public Isolation isolation() {
        return state.isolation;
    }

    @Override
    public boolean readOnly() {
        return state.readOnly;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public int attempt() {
        return state.attempt;
    }

    @Override
    public Instant startedAt() {
        return state.startedAt;
    }

    @Override
    public void onCommit(Runnable action) {
        addCallback(true, action);
    }

    @Override
    public void onRollback(Runnable action) {
        addCallback(false, action);
    }

    @Override
    public void setRollbackOnly() {
        state.rollbackOnly = true;
    }

    @Override
    public boolean isRollbackOnly() {
        return state.rollbackOnly || state.doomed != null;
    }

    @Override
    public Runnable wrap(Runnable task) {
        return state.manager.blocks.carry(this, task);
    }

    @Override
    public <T> Callable<T> wrap(Callable<T> task) {
        return state.manager.blocks.carry(this, task);
    }

    @Override
    public Executor executor(Executor executor) {
        return task -> executor.execute(wrap(task));
    }

    @Override
    public String toString() {
        return "Transaction[" + name + ", database=" + database() + ", depth=" + depth + ", attempt=" + attempt()
                + ", " + isolation() + (readOnly() ? ", read-only" : "") + (savepoint != null ? ", savepoint" : "")
                + "]";
    }
}
