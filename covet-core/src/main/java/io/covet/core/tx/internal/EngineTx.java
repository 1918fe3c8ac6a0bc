package io.covet.core.tx.internal;

import io.covet.core.dialect.Engine;
import io.covet.core.tx.Isolation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one home of each engine's transaction statements: how a transaction begins with its isolation and
 * read-only mode, ends, makes savepoints, resets the connection, and runs two-phase commit branches.
 *
 * <p>PostgreSQL and MariaDB use JDBC's autocommit switch (so PostgreSQL can stream with a cursor inside the
 * transaction) plus {@code SET TRANSACTION} / {@code START TRANSACTION READ ONLY}, which last one transaction
 * only and so cannot leak to the next borrower. SQLite's driver begins its own transaction as soon as autocommit
 * is switched off, always DEFERRED, and begins again right after each commit; Covet therefore leaves JDBC
 * autocommit on and sends {@code BEGIN IMMEDIATE|DEFERRED}, {@code COMMIT} and {@code ROLLBACK} itself.
 * {@code PRAGMA query_only} is per connection and is switched off again before the connection goes back.
 */
final class EngineTx {
    /** Global transaction ids are inlined in PREPARE TRANSACTION / XA statements, so they are kept to this. */
    static final Pattern GID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private EngineTx() {
    }

    static Isolation defaultIsolation(Engine engine) {
        return switch (engine.family()) {
            case POSTGRESQL -> Isolation.READ_COMMITTED;
            case SQLITE -> Isolation.SERIALIZABLE;
            default -> Isolation.REPEATABLE_READ;
        };
    }

    /** The level the engine really runs for a request (null: the default). */
    static Isolation effective(Engine engine, Isolation asked) {
        if (engine == Engine.SQLITE) {
            return Isolation.SERIALIZABLE;
        }
        return asked == null ? defaultIsolation(engine) : asked;
    }

    static void begin(Engine engine, Connection c, Isolation isolation, boolean readOnly, boolean immediate)
            throws SQLException {
        switch (engine.family()) {
            case POSTGRESQL -> {
                c.setAutoCommit(false);
                if (isolation != null || readOnly) {
                    // pgjdbc sends BEGIN first, so this is the transaction's first statement, as PostgreSQL requires.
                    exec(c, "SET TRANSACTION" + (isolation != null ? " ISOLATION LEVEL " + isolation.sql() : "")
                            + (readOnly ? (isolation != null ? "," : "") + " READ ONLY" : ""));
                }
            }
            case SQLITE -> {
                if (readOnly) {
                    exec(c, "PRAGMA query_only = ON");
                }
                try {
                    exec(c, immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
                } catch (SQLException e) {
                    if (readOnly) {
                        suppress(e, () -> exec(c, "PRAGMA query_only = OFF"));
                    }
                    throw e;
                }
            }
            default -> {
                c.setAutoCommit(false);
                if (isolation != null) {
                    // Without SESSION this applies to the next transaction only.
                    exec(c, "SET TRANSACTION ISOLATION LEVEL " + isolation.sql());
                }
                if (readOnly) {
                    exec(c, "START TRANSACTION READ ONLY");
                }
            }
        }
    }

    static void commit(Engine engine, Connection c) throws SQLException {
        if (engine == Engine.SQLITE) {
            exec(c, "COMMIT");
        } else {
            c.commit();
        }
    }

    static void rollback(Engine engine, Connection c) throws SQLException {
        if (engine == Engine.SQLITE) {
            try {
                exec(c, "ROLLBACK");
            } catch (SQLException e) {
                // SQLite rolls some failed transactions back by itself (e.g. on SQLITE_FULL or an I/O error).
                if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                    throw e;
                }
            }
        } else {
            c.rollback();
        }
    }

    /** Puts the connection back as the pool lent it: autocommit on, SQLite's query_only off. */
    static void reset(Engine engine, Connection c, boolean readOnly) throws SQLException {
        if (engine == Engine.SQLITE) {
            if (readOnly) {
                exec(c, "PRAGMA query_only = OFF");
            }
        } else {
            c.setAutoCommit(true);
        }
    }

    static void savepoint(Connection c, String name) throws SQLException {
        exec(c, "SAVEPOINT " + name);
    }

    static void release(Connection c, String name) throws SQLException {
        exec(c, "RELEASE SAVEPOINT " + name);
    }

    static void rollbackTo(Connection c, String name) throws SQLException {
        exec(c, "ROLLBACK TO SAVEPOINT " + name);
        // The savepoint survives ROLLBACK TO on every engine; release it so the stack does not grow.
        exec(c, "RELEASE SAVEPOINT " + name);
    }

    // --- two-phase commit branches (PostgreSQL PREPARE TRANSACTION, MariaDB XA) ---

    static void beginBranch(Engine engine, Connection c, String gid) throws SQLException {
        if (engine.family() == Engine.POSTGRESQL) {
            c.setAutoCommit(false);
        } else {
            exec(c, "XA START '" + checked(gid) + "'");
        }
    }

    static void prepareBranch(Engine engine, Connection c, String gid) throws SQLException {
        if (engine.family() == Engine.POSTGRESQL) {
            // PostgreSQL turns PREPARE TRANSACTION of an aborted transaction into a rollback without an error;
            // refuse instead, or the coordinator would decide to commit a branch that no longer exists.
            if (c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                    == org.postgresql.core.TransactionState.FAILED) {
                throw new SQLException("the branch's transaction was aborted by an earlier error", "25P02");
            }
            exec(c, "PREPARE TRANSACTION '" + checked(gid) + "'");
            // The prepared transaction no longer belongs to the session; COMMIT PREPARED must run outside a block.
            c.setAutoCommit(true);
        } else {
            exec(c, "XA END '" + checked(gid) + "'");
            exec(c, "XA PREPARE '" + gid + "'");
        }
    }

    /** Ends a branch that was not prepared. */
    static void abortBranch(Engine engine, Connection c, String gid) throws SQLException {
        if (engine.family() == Engine.POSTGRESQL) {
            c.rollback();
            c.setAutoCommit(true);
        } else {
            try {
                exec(c, "XA END '" + checked(gid) + "'");
            } catch (SQLException alreadyEnded) {
                // XA END fails when the branch already ended or failed; XA ROLLBACK below still applies.
            }
            exec(c, "XA ROLLBACK '" + gid + "'");
        }
    }

    /** Commits or rolls back a prepared branch, from any session of the same database. */
    static void finishPrepared(Engine engine, Connection c, String gid, boolean commit) throws SQLException {
        if (engine.family() == Engine.POSTGRESQL) {
            exec(c, (commit ? "COMMIT PREPARED '" : "ROLLBACK PREPARED '") + checked(gid) + "'");
        } else {
            exec(c, (commit ? "XA COMMIT '" : "XA ROLLBACK '") + checked(gid) + "'");
        }
    }

    /** The prepared branches on this database whose ids start with {@code prefix}. */
    static List<String> inDoubt(Engine engine, Connection c, String prefix) throws SQLException {
        List<String> gids = new ArrayList<>();
        boolean pg = engine.family() == Engine.POSTGRESQL;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(pg
                     ? "SELECT gid FROM pg_prepared_xacts WHERE database = current_database()"
                     : "XA RECOVER")) {
            while (rs.next()) {
                // XA RECOVER's data column is gtrid followed by bqual; Covet's branches have an empty bqual.
                String gid = pg ? rs.getString(1) : rs.getString("data");
                if (gid != null && gid.startsWith(prefix)) {
                    gids.add(gid);
                }
            }
        }
        return gids;
    }

    private static String checked(String gid) {
        if (!GID.matcher(gid).matches()) {
            throw new IllegalArgumentException("invalid global transaction id '" + gid + "'");
        }
        return gid;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    interface SqlRunnable {
        void run() throws SQLException;
    }

    interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    static void suppress(Throwable into, SqlRunnable r) {
        try {
            r.run();
        } catch (SQLException | RuntimeException e) {
            into.addSuppressed(e);
        }
    }
}
