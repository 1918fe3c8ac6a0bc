package io.covet.core.tx.internal;

import io.covet.core.tx.CallbackFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the callbacks of a finished transaction. Every action runs even when one before it failed; failures are
 * logged and reported, never swallowed: after a commit as {@link CallbackFailure}, after a rollback as
 * suppressed exceptions of the failure that caused it.
 */
final class Callbacks {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private Callbacks() {
    }

    static void afterCommit(String name, List<Runnable> actions) {
        List<Throwable> failures = run(name, "onCommit", actions);
        if (!failures.isEmpty()) {
            throw new CallbackFailure(name, true, actions.size(), failures);
        }
    }

    static void afterRollback(String name, List<Runnable> actions, Throwable cause) {
        List<Throwable> failures = run(name, "onRollback", actions);
        if (failures.isEmpty()) {
            return;
        }
        if (cause != null) {
            failures.forEach(cause::addSuppressed);
        } else {
            throw new CallbackFailure(name, false, actions.size(), failures);
        }
    }

    private static List<Throwable> run(String name, String kind, List<Runnable> actions) {
        List<Throwable> failures = new ArrayList<>(0);
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                LOG.error("an {} action of transaction '{}' failed", kind, name, t);
                failures.add(t);
            }
        }
        return failures;
    }

    /** Rethrows any throwable unchanged; the work's checked exception type was declared by the caller. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
