package io.covet.core.tx;

/**
 * What a block does when a transaction is already current on the calling thread for the same database.
 *
 * <p>Joining blocks (REQUIRED, NESTED, MANDATORY) share the current transaction's connection, isolation and
 * read-only mode: a joined block that asks for a different isolation or read-only mode is refused with
 * {@link TransactionException} rather than silently running under the outer settings.
 */
public enum Propagation {
    /**
     * The default. Joins the current transaction, or begins one. When it joins, the block runs under a savepoint
     * (unless {@link TxOptions.Builder#savepoint(boolean) savepoint(false)}), so a failure the caller catches
     * undoes only this block; a failure that escapes every block rolls back the whole transaction.
     */
    REQUIRED,
    /**
     * Suspends the current transaction and begins an independent one on a second pooled connection; it commits
     * or rolls back on its own, before the outer one resumes. Each level of always-new nesting holds one more
     * connection: a pool no larger than the nesting depth would wait on itself, so Covet refuses such a block at
     * once, naming the pool size to raise. On SQLite a write block cannot start while the suspended outer
     * transaction holds the write lock; Covet refuses that case too.
     */
    REQUIRES_NEW,
    /**
     * Always a savepoint when a transaction is current (even with {@code savepoint(false)}); begins a new
     * transaction when there is none.
     */
    NESTED,
    /** Joins the current transaction like {@link #REQUIRED}; refuses with {@link TransactionException} when there is none. */
    MANDATORY,
    /** Runs the work without a transaction (each statement commits on its own); refuses when one is current. */
    NEVER
}
