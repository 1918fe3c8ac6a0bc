package io.covet.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs work on a lease's connection all or nothing (for {@link StatementExecutor#inTransaction}): in a
 * transaction of its own on a connection the lease owns, or under a savepoint inside a surrounding transaction,
 * so that a caller who catches the failure does not commit half of the work with the rest of the transaction.
 */
final class AllOrNothing {
    private static final AtomicLong NAMES = new AtomicLong();

    private AllOrNothing() {
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static <T> T run(Lease lease, StatementExecutor.ConnectionWork<T> work) throws SQLException {
        Connection c = lease.connection();
        if (!lease.owned() || !c.getAutoCommit()) {
            // Sent as SQL, not Connection.setSavepoint(): inside a Covet transaction on SQLite autocommit stays on
            // (Covet sends BEGIN itself), and sqlite-jdbc's setSavepoint() then switches its autocommit flag off for
            // good, so the connection went back to the pool saying autocommit=false with no transaction open.
            String savepoint = "covet_aon_" + NAMES.incrementAndGet();
            exec(c, "SAVEPOINT " + savepoint);
            try {
                T result = work.run(c);
                exec(c, "RELEASE SAVEPOINT " + savepoint);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    exec(c, "ROLLBACK TO SAVEPOINT " + savepoint);
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
