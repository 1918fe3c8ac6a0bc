package io.covet.core.tx.internal;

import io.covet.core.tx.TransactionException;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which block of one database is current on each thread: set when a block starts, restored when it ends, and
 * carried to another thread with the work a block hands it. Per database, never shared between databases.
 */
final class CurrentBlocks {
    private final String database;
    private final ThreadLocal<Block> current = new ThreadLocal<>();
    /**
     * How many threads have a block of this database current. While none has, a statement's lookup of its
     * transaction skips the thread-local map (a hashed probe on every statement, and an entry left in the map of
     * every thread that ever ran one). A thread's own increment precedes its block and its decrement follows it,
     * so the thread that has a block current always reads a count above zero.
     */
    private final AtomicInteger bound = new AtomicInteger();

    CurrentBlocks(String database) {
        this.database = database;
    }

    /** The block current on the calling thread, or null. */
    Block get() {
        return current.get();
    }

    /** {@link #get()} for the statement path: skips the thread-local map while no thread has a block. */
    Block forStatement() {
        return bound.get() == 0 ? null : current.get();
    }

    /** Makes {@code b} current on this thread, where {@code previous} was. */
    void bind(Block b, Block previous) {
        if (previous == null) {
            bound.incrementAndGet();
        }
        current.set(b);
    }

    /** Makes {@code previous} current again after a block that {@link #bind} made current. */
    void restore(Block previous) {
        // set(null), not remove(): the entry stays in the thread's map, so the next transaction does not
        // allocate a new one.
        current.set(previous);
        if (previous == null) {
            bound.decrementAndGet();
        }
    }

    /** Switches between a joined block and its outer block, both already counted by {@link #bind}. */
    void switchTo(Block b) {
        current.set(b);
    }

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
}
