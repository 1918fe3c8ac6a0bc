package io.covet.core.tx.twophase;

import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.core.error.ConfigurationException;
import io.covet.core.error.UnsupportedFeature;
import io.covet.core.tx.internal.Coordinator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An atomic commit across several databases (two-phase commit): every participant prepares its branch
 * (PostgreSQL {@code PREPARE TRANSACTION}, MariaDB {@code XA PREPARE}), the decision to commit is forced to a
 * durable decision log, and then every branch commits. Either all participants commit or none does, even when
 * the coordinator process dies between the phases: {@link #recover()} (run it at start-up) commits the branches
 * whose decision is in the log and rolls back the rest.
 *
 * <p>Branches run on ordinary pooled connections with the engines' own SQL commands, so HikariCP needs no XA
 * data source and no transaction manager is added. PostgreSQL needs {@code max_prepared_transactions > 0};
 * SQLite has no two-phase commit ({@link UnsupportedFeature}). Prepared branches hold their locks until they
 * are resolved: a coordinator that stays down blocks those rows until {@link #recover()} runs.
 *
 * <pre>{@code
 * try (TwoPhaseCommit tpc = TwoPhaseCommit.builder("orders", Path.of("/var/lib/app/2pc.log"))
 *         .participant(pg).participant(maria).build()) {
 *     tpc.recover();                                   // resolve what a crash left in doubt
 *     tpc.run("move", () -> {
 *         pg.sql("UPDATE stock SET n = n - 1 WHERE id = ?", id).execute();
 *         maria.sql("INSERT INTO shipments (id) VALUES (?)", id).execute();
 *         return null;
 *     });
 * }
 * }</pre>
 */
public final class TwoPhaseCommit implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,20}");

    private final Coordinator coordinator;

    private TwoPhaseCommit(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * A builder for a coordinator.
     *
     * @param coordinatorId names this coordinator's global transactions ({@code covet-<id>-…}); recovery only
     *                      touches those, so give every coordinator (every process) its own id and log
     * @param decisionLog   the file where commit decisions are forced to disk; keep it on durable storage
     */
    public static Builder builder(String coordinatorId, Path decisionLog) {
        return new Builder(coordinatorId, decisionLog);
    }

    /** {@link #run(String, Work)} with the name {@code two_phase}. */
    public <T, X extends Exception> T run(Work<T, X> work) throws X {
        return run("two_phase", work);
    }

    /**
     * Runs {@code work} with a branch of one global transaction current on this thread for every participant,
     * so each participant's statements run in its branch; then prepares all and commits all. Not retried.
     * {@code onCommit} actions registered in any branch run after every branch committed.
     *
     * @throws io.covet.core.tx.TransactionException when a participant could not prepare (all were rolled back), or when the
     *                              commit was decided but a branch could not be told (it stays prepared until
     *                              {@link #recover()} commits it)
     */
    public <T, X extends Exception> T run(String name, Work<T, X> work) throws X {
        return coordinator.run(name, work::run);
    }

    /**
     * Finds this coordinator's in-doubt (prepared, unresolved) branches on every participant and resolves them:
     * commit where the decision log holds the commit decision, roll back otherwise. Global transactions still
     * running in this process are left alone. Idempotent.
     */
    public Recovery recover() {
        Coordinator.Resolved r = coordinator.recover();
        return new Recovery(r.committed(), r.rolledBack());
    }

    /** Releases the decision log. */
    @Override
    public void close() {
        coordinator.close();
    }

    /** The work of a two-phase transaction. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        /** Runs the statements of every participant; they are committed together. */
        T run() throws X;
    }

    /** Observes the phases, e.g. for logging; each method runs on the coordinating thread. */
    public interface Listener {
        /** Every branch of {@code gid} is prepared; nothing is decided yet. */
        default void prepared(String gid) {
        }

        /** The commit decision for {@code gid} is on disk; the branches are about to commit. */
        default void decided(String gid) {
        }

        /** Every branch of {@code gid} committed ({@code committed}) or rolled back. */
        default void completed(String gid, boolean committed) {
        }
    }

    /**
     * What {@link #recover()} resolved, each entry {@code gid@database}.
     *
     * @param committed  branches committed because their decision was logged
     * @param rolledBack branches rolled back because no decision was logged
     */
    public record Recovery(List<String> committed, List<String> rolledBack) {
        /** Defensive copies. */
        public Recovery {
            committed = List.copyOf(committed);
            rolledBack = List.copyOf(rolledBack);
        }
    }

    /** Collects participants; {@link #build()} checks them and locks the log. */
    public static final class Builder {
        private final String id;
        private final Path log;
        private final Set<Database> participants = new LinkedHashSet<>();
        private Listener listener = new Listener() {
        };

        private Builder(String id, Path log) {
            this.id = id;
            this.log = log;
        }

        /** Adds a participant database. */
        public Builder participant(Database db) {
            participants.add(Objects.requireNonNull(db, "db"));
            return this;
        }

        /** Observes the phases. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Checks the settings, opens and locks the decision log.
         *
         * @throws ConfigurationException listing every invalid setting
         * @throws UnsupportedFeature     when a participant's engine cannot prepare transactions
         */
        public TwoPhaseCommit build() {
            List<String> problems = new ArrayList<>();
            if (id == null || !ID.matcher(id).matches()) {
                problems.add("coordinator id '" + id + "' is invalid: use 1 to 20 lower-case letters, digits or '_'");
            }
            if (log == null) {
                problems.add("a decision log path is required");
            }
            if (participants.isEmpty()) {
                problems.add("a two-phase commit needs at least one participant");
            }
            Set<String> names = new LinkedHashSet<>();
            for (Database db : participants) {
                if (!names.add(db.name() + "@" + db.config().url().map(Object::toString).orElse("?"))) {
                    problems.add("database '" + db.name() + "' is given twice");
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            for (Database db : participants) {
                if (!db.supports(Feature.TWO_PHASE_COMMIT)) {
                    throw new UnsupportedFeature(db.engine(), "two-phase commit",
                            io.covet.core.tx.internal.EngineTx.twoPhaseCommitRemedy(db.engine()));
                }
            }
            Listener l = listener;
            return new TwoPhaseCommit(new Coordinator(id, log, List.copyOf(participants), new Coordinator.Phases() {
                @Override
                public void prepared(String gid) {
                    l.prepared(gid);
                }

                @Override
                public void decided(String gid) {
                    l.decided(gid);
                }

                @Override
                public void completed(String gid, boolean committed) {
                    l.completed(gid, committed);
                }
            }));
        }
    }
}
