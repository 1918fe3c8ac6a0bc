package io.covet.core.tx.internal;

import io.covet.core.Database;
import io.covet.core.tx.TransactionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two-phase commit coordinator behind {@code io.covet.core.tx.twophase.TwoPhaseCommit}. It knows nothing of that
 * public class (which adapts its listener and work to the types below), so the dependency runs one way.
 */
public final class Coordinator implements AutoCloseable {
    private final String prefix;
    private final List<Database> participants;
    private final Phases listener;
    private final DecisionLog log;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param id           the coordinator id (validated by the builder)
     * @param log          the decision log file
     * @param participants the participant databases
     * @param listener     observes the phases
     */
    public Coordinator(String id, Path log, List<Database> participants, Phases listener) {
        this.prefix = "covet-" + id + "-";
        this.participants = participants;
        this.listener = listener;
        this.log = new DecisionLog(log);
    }

    private static TransactionManager manager(Database db) {
        return db.unwrap(TransactionManager.class);
    }

    /** The work of one global transaction. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        /** Runs the statements of every participant. */
        T run() throws X;
    }

    /** Told about the phases of each global transaction, on the coordinating thread. */
    public interface Phases {
        /** Every branch of {@code gid} is prepared. */
        void prepared(String gid);

        /** The commit decision for {@code gid} is on disk. */
        void decided(String gid);

        /** Every branch of {@code gid} committed or rolled back. */
        void completed(String gid, boolean committed);
    }

    /**
     * What recovery resolved, each entry {@code gid@database}.
     *
     * @param committed  branches committed because their decision was logged
     * @param rolledBack branches rolled back because no decision was logged
     */
    public record Resolved(List<String> committed, List<String> rolledBack) {
    }

    /** Runs {@code work} in one global transaction over every participant; see {@code TwoPhaseCommit.run}. */
    public <T, X extends Exception> T run(String name, Work<T, X> work) throws X {
        String gid = prefix + UUID.randomUUID().toString().replace("-", "");
        inFlight.add(gid);
        List<Branch> branches = new ArrayList<>();
        try {
            T result;
            try {
                for (Database db : participants) {
                    branches.add(manager(db).beginBranch(gid, name));
                }
                result = work.run();
            } catch (Throwable t) {
                abort(gid, name, branches, t);
                throw Callbacks.<RuntimeException>sneaky(t);
            }
            unbind(branches);
            for (Branch b : branches) {
                try {
                    b.prepare();
                } catch (RuntimeException e) {
                    TransactionException failure = new TransactionException("two-phase transaction '" + name + "' ("
                            + gid + ") was rolled back everywhere: database '" + b.database() + "' could not prepare "
                            + "its branch (" + e.getMessage() + ")", e);
                    abort(gid, name, branches, failure);
                    throw failure;
                }
            }
            listener.prepared(gid);
            log.commit(gid);
            listener.decided(gid);
            List<RuntimeException> failures = new ArrayList<>();
            for (Branch b : branches) {
                try {
                    b.finish(true);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                TransactionException e = new TransactionException("two-phase transaction '" + name + "' (" + gid
                        + ") is decided COMMIT, but " + failures.size() + " branch(es) could not be told; they stay "
                        + "prepared, holding their locks, until recover() commits them", failures.get(0));
                failures.stream().skip(1).forEach(e::addSuppressed);
                throw e;
            }
            log.done(gid);
            listener.completed(gid, true);
            List<Runnable> actions = new ArrayList<>();
            branches.forEach(b -> actions.addAll(b.commitActions()));
            Callbacks.afterCommit(name, actions);
            return result;
        } finally {
            inFlight.remove(gid);
        }
    }

    private void unbind(List<Branch> branches) {
        for (Database db : participants) {
            manager(db).unbind();
        }
    }

    private void abort(String gid, String name, List<Branch> branches, Throwable cause) {
        unbind(branches);
        List<Runnable> actions = new ArrayList<>();
        for (Branch b : branches) {
            try {
                b.finish(false);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
            actions.addAll(b.rollbackActions());
        }
        listener.completed(gid, false);
        Callbacks.afterRollback(name, actions, cause);
    }

    /** Resolves this coordinator's in-doubt branches; see {@code TwoPhaseCommit.recover}. */
    public Resolved recover() {
        Set<String> decided = log.undone();
        List<String> committed = new ArrayList<>();
        List<String> rolledBack = new ArrayList<>();
        for (Database db : participants) {
            TransactionManager m = manager(db);
            for (String gid : m.inDoubt(prefix)) {
                if (inFlight.contains(gid)) {
                    continue;
                }
                boolean commit = decided.contains(gid);
                m.onFreshConnection(c -> {
                    EngineTx.finishPrepared(m.engine, c, gid, commit);
                    return null;
                }, (commit ? "commit" : "roll back") + " in-doubt branch " + gid);
                (commit ? committed : rolledBack).add(gid + "@" + db.name());
            }
        }
        synchronized (log) {
            // Every participant was scanned and resolved: the logged decisions are no longer needed, unless a
            // transaction of this process is between its phases (its COMMIT line must survive a crash).
            if (inFlight.isEmpty()) {
                log.clear();
            }
        }
        return new Resolved(committed, rolledBack);
    }

    @Override
    public void close() {
        log.close();
    }
}
