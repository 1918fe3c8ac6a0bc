package io.covet.core.tx.internal;

import io.covet.core.engine.Engine;
import io.covet.core.internal.EngineSpecifics;
import io.covet.core.tx.Isolation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The transaction statements the manager sends: savepoints, which every engine writes alike, here; beginning,
 * ending and resetting a transaction and two-phase-commit branches, which each engine does its own way, in the
 * engine's {@link EngineSpecifics} ({@code PostgresSpecifics}, {@code MariaDbSpecifics}, {@code SqliteSpecifics}
 * in {@code io.covet.core.internal}).
 *
 * <p>PostgreSQL and MariaDB use JDBC's autocommit switch (so PostgreSQL can stream with a cursor inside the
 * transaction) plus {@code SET TRANSACTION} / {@code START TRANSACTION READ ONLY}, which last one transaction
 * only and so cannot leak to the next borrower. SQLite's driver begins its own transaction as soon as autocommit
 * is switched off, so Covet leaves autocommit on there and sends {@code BEGIN}, {@code COMMIT} and
 * {@code ROLLBACK} itself.
 */
public final class EngineTx {
    private EngineTx() {
    }

    static Isolation defaultIsolation(Engine engine) {
        return EngineSpecifics.of(engine).defaultIsolation();
    }

    /** The level the engine really runs for a request (null: the default). */
    static Isolation effective(Engine engine, Isolation asked) {
        return EngineSpecifics.of(engine).effective(asked);
    }

    /** Whether a transaction takes the write lock when it begins (SQLite's {@code BEGIN IMMEDIATE}). */
    static boolean locksForWritesAtBegin(Engine engine, Optional<Boolean> asked, boolean readOnly) {
        return EngineSpecifics.of(engine).locksForWritesAtBegin(asked, readOnly);
    }

    static void begin(Engine engine, Connection c, Isolation isolation, boolean readOnly, boolean immediate)
            throws SQLException {
        EngineSpecifics.of(engine).begin(c, isolation, readOnly, immediate);
    }

    static void commit(Engine engine, Connection c) throws SQLException {
        EngineSpecifics.of(engine).commit(c);
    }

    static void rollback(Engine engine, Connection c) throws SQLException {
        EngineSpecifics.of(engine).rollback(c);
    }

    /** Puts the connection back as the pool lent it: autocommit on, SQLite's query_only off. */
    static void reset(Engine engine, Connection c, boolean readOnly) throws SQLException {
        EngineSpecifics.of(engine).reset(c, readOnly);
    }

    /** Whether a lock timeout is retried by default on the engine that raised it. */
    public static boolean retriesLockTimeout(io.covet.core.error.LockTimeout timeout) {
        return EngineSpecifics.of(timeout.engine()).retriesLockTimeout(timeout);
    }

    /** What to do when the engine lacks two-phase commit. */
    public static String twoPhaseCommitRemedy(Engine engine) {
        return EngineSpecifics.of(engine).twoPhaseCommitRemedy();
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
        EngineSpecifics.of(engine).beginBranch(c, gid);
    }

    static void prepareBranch(Engine engine, Connection c, String gid) throws SQLException {
        EngineSpecifics.of(engine).prepareBranch(c, gid);
    }

    /** Ends a branch that was not prepared. */
    static void abortBranch(Engine engine, Connection c, String gid) throws SQLException {
        EngineSpecifics.of(engine).abortBranch(c, gid);
    }

    /** Commits or rolls back a prepared branch, from any session of the same database. */
    static void finishPrepared(Engine engine, Connection c, String gid, boolean commit) throws SQLException {
        EngineSpecifics.of(engine).finishPrepared(c, gid, commit);
    }

    /** The prepared branches on this database whose ids start with {@code prefix}. */
    static List<String> inDoubt(Engine engine, Connection c, String prefix) throws SQLException {
        return EngineSpecifics.of(engine).inDoubt(c, prefix);
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
