package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.DataAccessException;
import io.covet.core.tx.Isolation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.UUID;

/**
 * What Covet's runtime does differently on each engine that is neither SQL text (covet-sql renders that per node)
 * nor DDL (covet-schema's per-dialect classes) nor a capability ({@link io.covet.core.dialect.Features}): facts of
 * the engine's driver and protocol. Each engine family has one implementation ({@link PostgresSpecifics},
 * {@link MariaDbSpecifics}, {@link SqliteSpecifics}); {@link #of} is the one place in core's runtime that picks
 * one by engine, so the rest of core asks the engine's object instead of branching on the engine.
 *
 * <p>It holds the engine's error codes (how a driver's {@link SQLException} maps onto Covet's exceptions), its
 * transaction statements (begin with isolation and read-only mode, commit, rollback, reset, two-phase-commit
 * branches), how values bind, how a statement timeout is enforced, and how generated keys and streams are
 * asked of the driver. Not an API.
 */
public interface EngineSpecifics {

    /** The implementation for an engine's family (MySQL shares MariaDB's). */
    static EngineSpecifics of(Engine engine) {
        // The dispatch itself: the single engine switch the per-engine classes replace everywhere else in core.
        return switch (engine.family()) {
            case POSTGRESQL -> PostgresSpecifics.INSTANCE;
            case SQLITE -> SqliteSpecifics.INSTANCE;
            default -> MariaDbSpecifics.INSTANCE;
        };
    }

    // --- connections ---

    /** Sets the driver's JDBC URL and the engine's own driver properties on a pool being built. */
    void configurePool(com.zaxxer.hikari.HikariConfig h, io.covet.core.DatabaseConfig config,
                       io.covet.core.DatabaseUrl url);

    /** The query whose one value is the server's version text. */
    String versionQuery();

    /**
     * Corrects the features a version implies with what the live server says: settings and compile-time options
     * a version number cannot tell.
     */
    void refineFeatures(Connection c, int major, int minor, int patch, java.util.Set<io.covet.core.dialect.Feature> features)
            throws SQLException;

    // --- errors ---

    /**
     * Classifies a driver exception (already unwrapped from a batch failure) by the engine's SQLState, vendor
     * code or result code.
     */
    DataAccessException translate(Engine engine, String sql, SQLException root);

    /**
     * Whether a lock timeout leaves the transaction worth running again by default: SQLite's busy database, or
     * MariaDB's lock wait timeout (1205, which rolls back only the statement); not a NOWAIT refusal.
     */
    boolean retriesLockTimeout(io.covet.core.error.LockTimeout timeout);

    /** What to do when this engine lacks two-phase commit, for {@link io.covet.core.error.UnsupportedFeature}. */
    String twoPhaseCommitRemedy();

    /**
     * The hint for a connection that cannot be had when neither credentials nor the database name are at fault;
     * by default the one for a server.
     */
    default String connectionHint() {
        return "check that the server is running and reachable";
    }

    // --- binding ---

    /** Binds a {@link BigDecimal}; by default as the driver does. */
    default void bindDecimal(PreparedStatement ps, int index, BigDecimal d) throws SQLException {
        ps.setBigDecimal(index, d);
    }

    /** Binds an instant (also offset and zoned date-times, converted), stored in UTC. */
    void bindInstant(PreparedStatement ps, int index, Instant t) throws SQLException;

    /** Binds a {@code LocalDate}, {@code LocalDateTime} or {@code LocalTime}; by default as the driver does. */
    default void bindLocal(PreparedStatement ps, int index, Temporal t) throws SQLException {
        ps.setObject(index, t);
    }

    /**
     * Binds an array ({@link io.covet.core.SqlArray}, PostgreSQL only: the ORM refuses array fields elsewhere);
     * by default through the driver's {@code createArrayOf}, which engines without arrays refuse.
     */
    default void bindArray(PreparedStatement ps, int index, io.covet.core.SqlArray a) throws SQLException {
        ps.setArray(index, ps.getConnection().createArrayOf(a.elementType(), a.elements().toArray()));
    }

    /**
     * Binds text for the engine to convert to the column's own type ({@link io.covet.core.NativeText}); by default
     * as a string.
     */
    default void bindNativeText(PreparedStatement ps, int index, String text) throws SQLException {
        ps.setString(index, text);
    }

    /** Binds a UUID. */
    void bindUuid(PreparedStatement ps, int index, UUID u) throws SQLException;

    // --- statements ---

    /** Enforces {@code timeout} (positive) on a statement; the guard is closed when the statement is done. */
    Timeouts.Guard applyTimeout(Statement st, Duration timeout) throws SQLException;

    /**
     * Prepares an INSERT whose generated keys are read back. By default the driver returns the auto-increment
     * key, whatever the columns named.
     */
    default PreparedStatement prepareReturningKeys(Connection c, String sql, String[] keyColumns)
            throws SQLException {
        return c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    /**
     * Whether the driver streams a result set with a cursor only inside a transaction, so that a stream on an
     * autocommit connection of its own must begin one. By default it streams in either mode.
     */
    default boolean streamsInsideTransactionOnly() {
        return false;
    }

    /**
     * The statement interceptors are shown for a bulk load of {@code width} columns; by default the one-row form
     * of the multi-row INSERT.
     */
    default String bulkLoadSql(String table, String cols, int width) {
        return BulkLoader.insertSql(table, cols, width, 1);
    }

    /**
     * Loads rows on a connection whose transaction the caller manages, the engine's fastest way
     * ({@link BulkLoader#loadOn}).
     */
    long bulkLoad(Connection c, Engine engine, String table, String columns, int width,
                  java.util.Iterator<Object[]> rows) throws SQLException;

    /**
     * The statement that loads rows given as text ({@link io.covet.core.dialect.Feature#LOAD_DATA_LOCAL}): one row
     * a line, fields separated by tabs, {@code \N} for NULL, backslash escapes; the columns at {@code hexColumns}
     * (zero-based) hold the hex of their bytes. Null when the engine has no such statement.
     */
    default String loadTextSql(String table, List<String> quotedColumns, java.util.Set<Integer> hexColumns) {
        return null;
    }

    /**
     * Runs {@link #loadTextSql} with {@code text} as its rows, on a connection whose transaction the caller
     * manages; returns the rows loaded.
     *
     * @throws SQLException the server's refusal, or any warning it raised (a value it changed, a row it skipped)
     */
    default long loadText(Connection c, String sql, java.io.InputStream text) throws SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("no text load on this engine");
    }

    /**
     * The engine's own account of the deadlock just detected, read on the victim's connection, or null when the
     * engine keeps none.
     */
    String deadlockReport(Connection c) throws SQLException;

    // --- transactions ---

    /** The isolation level a transaction runs at when none is asked for. */
    Isolation defaultIsolation();

    /** The level the engine really runs for a request (null: the default). */
    default Isolation effective(Isolation asked) {
        return asked == null ? defaultIsolation() : asked;
    }

    /**
     * Whether a transaction takes the database's write lock when it begins ({@code sqliteImmediate}); while it
     * is held, no other transaction, even on this thread, can write.
     *
     * @param asked    the caller's {@code sqliteImmediate} option, if given
     * @param readOnly whether the transaction is read-only
     */
    boolean locksForWritesAtBegin(java.util.Optional<Boolean> asked, boolean readOnly);

    /** Begins a transaction on {@code c} with the isolation (null: the default) and read-only mode asked. */
    void begin(Connection c, Isolation isolation, boolean readOnly, boolean lockForWrites) throws SQLException;

    /** Commits the transaction begun with {@link #begin}; by default through the driver. */
    default void commit(Connection c) throws SQLException {
        c.commit();
    }

    /** Rolls back the transaction begun with {@link #begin}; by default through the driver. */
    default void rollback(Connection c) throws SQLException {
        c.rollback();
    }

    /** Puts the connection back as the pool lent it after a transaction; by default autocommit on again. */
    default void reset(Connection c, boolean readOnly) throws SQLException {
        c.setAutoCommit(true);
    }

    // --- two-phase commit branches (reached only where Feature.TWO_PHASE_COMMIT is present) ---

    /** Begins a branch of a global transaction. */
    void beginBranch(Connection c, String gid) throws SQLException;

    /** Prepares a branch: from then on it survives a crash and waits for {@link #finishPrepared}. */
    void prepareBranch(Connection c, String gid) throws SQLException;

    /** Ends a branch that was not prepared. */
    void abortBranch(Connection c, String gid) throws SQLException;

    /** Commits or rolls back a prepared branch, from any session of the same database. */
    void finishPrepared(Connection c, String gid, boolean commit) throws SQLException;

    /** The prepared branches on this database whose ids start with {@code prefix}. */
    List<String> inDoubt(Connection c, String prefix) throws SQLException;

    /** Global transaction ids are inlined in PREPARE TRANSACTION / XA statements, so they are kept to this. */
    java.util.regex.Pattern GID = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** {@code gid}, refused unless it matches {@link #GID}. */
    static String checkedGid(String gid) {
        if (!GID.matcher(gid).matches()) {
            throw new IllegalArgumentException("invalid global transaction id '" + gid + "'");
        }
        return gid;
    }

    /** Runs a statement without a result. */
    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
