package io.covet.core.tx;

import java.util.List;

/**
 * One or more {@link Transaction#onCommit(Runnable) onCommit} actions threw after the transaction committed
 * (or {@link Transaction#onRollback(Runnable) onRollback} actions after a rollback the work asked for with
 * {@link Transaction#setRollbackOnly()}). The transaction's outcome stands; every action ran, each failure was
 * logged, the first is the cause and the others are suppressed. Never retried.
 */
public final class CallbackFailure extends TransactionException {
    private final List<Throwable> failures;
    private final boolean committed;

    /**
     * @param transaction the block's name
     * @param committed   whether the transaction committed (else it rolled back)
     * @param total       how many actions ran
     * @param failures    what each failing action threw, in order
     */
    public CallbackFailure(String transaction, boolean committed, int total, List<Throwable> failures) {
        super("transaction '" + transaction + "' " + (committed ? "committed" : "rolled back") + ", but "
                + failures.size() + " of " + total + (committed ? " onCommit" : " onRollback") + " action(s) failed; "
                + (committed ? "the data is committed" : "nothing was written") + ", so repair or repeat the failed "
                + "side effects (first failure: " + failures.get(0) + ")", failures.get(0));
        this.failures = List.copyOf(failures);
        this.committed = committed;
        for (int i = 1; i < failures.size(); i++) {
            addSuppressed(failures.get(i));
        }
    }

    /** Whether the transaction committed; false when it rolled back. */
    public boolean committed() {
        return committed;
    }

    /** What each failing action threw, in registration order. */
    public List<Throwable> failures() {
        return failures;
    }
}
