package io.covet.core.tx.internal;

import io.covet.core.Database;
import io.covet.core.tx.TransactionException;
import io.covet.core.tx.TwoPhaseCommit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The two-phase commit coordinator behind {@link TwoPhaseCommit}. */
public final class Coordinator implements AutoCloseable {
    private final String prefix;
    private final List<Database> participants;
    private final TwoPhaseCommit.Listener listener;
    private final DecisionLog log;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param id           the coordinator id (validated by the builder)
     * @param log          the decision log file
     * @param participants the participant databases
     * @param listener     observes the phases
     */
    public Coordinator(String id, Path log, List<Database> participants, TwoPhaseCommit.Listener listener) {
        this.prefix = "covet-" + id + "-";
        this.participants = participants;
        this.listener = listener;
        this.log = new DecisionLog(log);
    }

    private static TransactionManager manager(Database db) {
        return db.unwrap(TransactionManager.class);
    }

    /** See {@link TwoPhaseCommit#run(String, TwoPhaseCommit.Work)}. */
    public <T, X extends Exception> T run(String name, TwoPhaseCommit.Work<T, X> work) throws X {
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

    /** See {@link TwoPhaseCommit#recover()}. */
    public TwoPhaseCommit.Recovery recover() {
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
        return new TwoPhaseCommit.Recovery(committed, rolledBack);
    }

    @Override
    public void close() {
        log.close();
    }
}
