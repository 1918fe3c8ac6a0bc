package io.covet.core.tx;

/**
 * Told about each transaction that stays open past the database's long-transaction threshold, once per
 * transaction, on Covet's monitor thread. Keep it quick; an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface LongTransactionListener {
    /** Called once for a transaction open longer than the threshold, while it is still open. */
    void onLongTransaction(LongTransaction transaction);
}
