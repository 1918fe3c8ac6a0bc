package io.covet.core.tx.internal;

import io.covet.core.tx.Isolation;
import io.covet.core.tx.Transaction;
import io.covet.core.tx.TransactionException;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/** The handle of a {@code Propagation.NEVER} block: no transaction, each statement commits on its own. */
final class Unbound implements Transaction {
    private final String database;
    private final String name;
    private final Isolation isolation;
    private final Instant startedAt = Instant.now();

    Unbound(String database, String name, Isolation isolation) {
        this.database = database;
        this.name = name;
        this.isolation = isolation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public int depth() {
        return 0;
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    /** Runs at once: outside a transaction every statement has already committed. */
    @Override
    public void onCommit(Runnable action) {
        action.run();
    }

    @Override
    public void onRollback(Runnable action) {
        throw TransactionManager.noRollbackOutside(name);
    }

    @Override
    public void setRollbackOnly() {
        throw new TransactionException("block '" + name + "' runs without a transaction (Propagation.NEVER): "
                + "there is nothing to roll back");
    }

    @Override
    public boolean isRollbackOnly() {
        return false;
    }

    @Override
    public Runnable wrap(Runnable task) {
        return task;
    }

    @Override
    public <T> Callable<T> wrap(Callable<T> task) {
        return task;
    }

    @Override
    public Executor executor(Executor executor) {
        return executor;
    }
}
