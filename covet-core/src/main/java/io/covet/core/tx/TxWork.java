package io.covet.core.tx;

/**
 * The work of a transaction block that returns a value. It may throw a checked exception of type {@code X},
 * which rolls the block back and reaches the caller unchanged.
 *
 * <p>The work may run more than once when the block's {@link RetryPolicy} retries it: keep side effects that
 * must happen once out of it, or register them with {@link Transaction#onCommit(Runnable)}.
 *
 * @param <T> the result
 * @param <X> the checked exception the work may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface TxWork<T, X extends Exception> {
    /**
     * Does the work inside the transaction.
     *
     * @param tx the block, for callbacks, its name and attempt number, and carrying it to other threads
     */
    T run(Transaction tx) throws X;
}
