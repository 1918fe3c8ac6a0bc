package io.covet.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Runs work on a lease's connection all or nothing (for {@link StatementExecutor#inTransaction}): in a
 * transaction of its own on a connection the lease owns, or under a savepoint inside a surrounding transaction,
 * so that a caller who catches the failure does not commit half of the work with the rest of the transaction.
 */
final class AllOrNothing {
    private AllOrNothing() {
    }

    static <T> T run(Lease lease, StatementExecutor.ConnectionWork<T> work) throws SQLException {
        Connection c = lease.connection();
        if (!lease.owned() || !c.getAutoCommit()) {
            Savepoint savepoint = c.setSavepoint();
            try {
                T result = work.run(c);
                c.releaseSavepoint(savepoint);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback(savepoint);
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
