package io.covet.core.tx;

/**
 * The work of a transaction block that returns nothing; otherwise as {@link TxWork}.
 *
 * @param <X> the checked exception the work may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface TxAction<X extends Exception> {
    /**
     * Does the work inside the transaction.
     *
     * @param tx the block, for callbacks, its name and attempt number, and carrying it to other threads
     */
    void run(Transaction tx) throws X;
}
