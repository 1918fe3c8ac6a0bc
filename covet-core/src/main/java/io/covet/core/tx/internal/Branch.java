package io.covet.core.tx.internal;

import java.sql.SQLException;
import java.util.List;

/** One database's branch of a two-phase transaction: begun, then prepared, then committed or rolled back. */
final class Branch {
    final TransactionManager manager;
    final TxState state;
    final Block root;
    final String gid;
    private boolean prepared;
    private boolean done;

    Branch(TransactionManager manager, TxState state, Block root, String gid) {
        this.manager = manager;
        this.state = state;
        this.root = root;
        this.gid = gid;
    }

    String database() {
        return manager.database;
    }

    /** Phase one: the database promises it can commit. The connection stays borrowed until phase two. */
    void prepare() {
        state.endAndAwaitIdle();
        if (state.doomed != null) {
            throw Callbacks.<RuntimeException>sneaky(state.doomed);
        }
        try {
            manager.executor.control("PREPARE TRANSACTION '" + gid + "'", root, () -> {
                EngineTx.prepareBranch(manager.engine, state.connection, gid);
                return null;
            });
            prepared = true;
        } catch (SQLException e) {
            throw manager.executor.translate("prepare branch " + gid, e);
        }
    }

    /** Phase two, or the end of a branch that failed before it was prepared. Always gives the connection back. */
    void finish(boolean commit) {
        if (done) {
            return;
        }
        state.endAndAwaitIdle();
        boolean evict = false;
        try {
            if (prepared) {
                manager.executor.control((commit ? "COMMIT PREPARED '" : "ROLLBACK PREPARED '") + gid + "'", root,
                        () -> {
                            EngineTx.finishPrepared(manager.engine, state.connection, gid, commit);
                            return null;
                        });
            } else {
                manager.executor.control("ROLLBACK (branch '" + gid + "')", root, () -> {
                    EngineTx.abortBranch(manager.engine, state.connection, gid);
                    return null;
                });
            }
        } catch (SQLException e) {
            evict = true;
            throw manager.executor.translate((commit ? "commit" : "roll back") + " branch " + gid, e);
        } finally {
            done = true;
            manager.ended(state, state.connection, evict);
        }
    }

    boolean prepared() {
        return prepared;
    }

    List<Runnable> commitActions() {
        return root.commitActions();
    }

    List<Runnable> rollbackActions() {
        return root.rollbackActions();
    }
}
