package io.covet.core.tx;

/**
 * SPI: transactions that a framework (Spring's transaction manager, a JTA-less container, a test harness) runs
 * on a database's connections, so that Covet's blocks and statements share them instead of opening their own.
 * Registered with {@code DatabaseConfig.Builder.externalTransactions}; one instance serves one database.
 *
 * <p>Covet consults it only when no Covet block of the database is current on the calling thread:
 * <ul>
 *   <li>{@link #current()}: when it returns a transaction, statements run on its connection, and a block
 *   ({@code Database.atomic}) joins it as a nested block would join an outer Covet block: under a savepoint
 *   unless {@link TxOptions.Builder#savepoint(boolean) savepoint(false)}, nested blocks under savepoints of
 *   their own; {@code onCommit}/{@code onRollback} actions are handed to the external transaction, to run after
 *   its real commit or rollback; a failure that leaves the transaction unusable (no savepoint to return to)
 *   marks it {@link ExternalTransaction#setRollbackOnly() rollback-only}. Covet never commits, rolls back or
 *   closes that connection.</li>
 *   <li>{@link #begin(TxOptions)}: when no external transaction is current, an outermost block asks the framework
 *   to begin one (so that framework code called inside the block joins it too); Covet then ends it with
 *   {@link ExternalTransaction#commit()} or {@link ExternalTransaction#rollback()}, once per attempt of the block.
 *   Returning null (the default) lets Covet begin its own transaction on its own pool.</li>
 * </ul>
 * Implementations must be thread-safe; both methods run on the thread that runs the statement or block.
 */
public interface ExternalTransactions {
    /** The external transaction active on the calling thread for this database, or null for none. */
    ExternalTransaction current();

    /**
     * Begins an external transaction for an outermost Covet block with {@code options} (propagation, isolation,
     * read-only, name), bound to the calling thread until Covet commits or rolls it back; or null to let Covet
     * begin its own. The default returns null.
     */
    default ExternalTransaction begin(TxOptions options) {
        return null;
    }
}
