package io.covet.core.tx.internal;

import io.covet.core.internal.Lease;
import io.covet.core.tx.ExternalTransaction;
import io.covet.core.tx.Isolation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The pieces of {@link TransactionManager} that deal with a framework's transactions
 * ({@link io.covet.core.tx.ExternalTransactions}): the lease for a statement run inside one, the state of a block
 * joining one, and the end of one Covet began through the framework.
 */
final class ExternalJoin {
    private ExternalJoin() {
    }

    /** A lease on the external transaction's connection: never closed by Covet, no deadline of its own. */
    static Lease lease(ExternalTransaction ext) {
        return Lease.bound(ext.connection(), new Lease.Binding() {
            @Override
            public Duration timeout(Duration requested) {
                return requested;
            }

            @Override
            public void release() {
                // the framework owns the connection
            }
        });
    }

    /** The state standing for the external transaction while Covet blocks join it. */
    static TxState state(TransactionManager manager, ExternalTransaction ext) {
        Connection c = ext.connection();
        Isolation isolation;
        boolean readOnly;
        try {
            isolation = EngineTx.effective(manager.engine, fromJdbc(c.getTransactionIsolation()));
            readOnly = c.isReadOnly();
        } catch (SQLException e) {
            throw manager.executor.translate("read the isolation of external transaction '" + ext.name() + "'", e);
        }
        TxState st = new TxState(manager, c, ext.name(), isolation, readOnly, false, 1, false, null);
        st.external = ext;
        return st;
    }

    private static Isolation fromJdbc(int level) {
        return switch (level) {
            case Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_READ_UNCOMMITTED -> Isolation.READ_COMMITTED;
            case Connection.TRANSACTION_REPEATABLE_READ -> Isolation.REPEATABLE_READ;
            case Connection.TRANSACTION_SERIALIZABLE -> Isolation.SERIALIZABLE;
            default -> null;
        };
    }

    /**
     * After the joining block ended: its callbacks go to the external transaction (to run on its real commit or
     * rollback), and a failure that could not be undone by a savepoint makes it roll back.
     */
    static void handOver(TxState st, Block parent) {
        st.ended = true;
        ExternalTransaction ext = st.external;
        if (st.doomed != null || st.rollbackOnly) {
            ext.setRollbackOnly();
        }
        parent.commitActions().forEach(ext::afterCommit);
        parent.rollbackActions().forEach(ext::afterRollback);
    }

    /** Commits (no failure, not rollback-only) or rolls back a transaction Covet began through the framework. */
    static Outermost.Outcome end(TxState st, Throwable failure, LongTransactionMonitor monitor) {
        ExternalTransaction ext = st.external;
        Throwable f = failure;
        boolean committed = false;
        try {
            if (f == null && !st.rollbackOnly) {
                try {
                    ext.commit();
                    committed = true;
                } catch (RuntimeException e) {
                    f = e;
                }
            } else {
                try {
                    ext.rollback();
                } catch (RuntimeException e) {
                    if (f != null) {
                        f.addSuppressed(e);
                    } else {
                        f = e;
                    }
                }
            }
        } finally {
            monitor.closed(st);
        }
        return new Outermost.Outcome(committed, f);
    }
}
