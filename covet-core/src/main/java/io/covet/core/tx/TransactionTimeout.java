package io.covet.core.tx;

/**
 * A transaction block ran past its {@link TxOptions#timeout() timeout}: a statement was cancelled, refused
 * because no time remained, or the block ended late. The transaction (or the block's savepoint) was rolled
 * back. Not retried by default; give the block more time or make it do less.
 */
public final class TransactionTimeout extends TransactionException {
    /**
     * @param message what happened, why, and what to do
     * @param cause   the statement's {@code QueryTimeout}, or null
     */
    public TransactionTimeout(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always true: a less loaded server may finish in time. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
