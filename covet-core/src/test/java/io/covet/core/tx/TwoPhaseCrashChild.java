package io.covet.core.tx;

import io.covet.core.Database;

import io.covet.core.tx.twophase.TwoPhaseCommit;
import java.nio.file.Path;

/**
 * The coordinator process that {@link TwoPhaseCommitTest} kills: it runs one two-phase transaction over
 * PostgreSQL and MariaDB and halts the JVM (no shutdown hooks, no cleanup, like a power cut) either after both
 * branches are prepared but before the decision is logged, or right after the decision is logged.
 *
 * <p>Arguments: {@code before-decision|after-decision <coordinatorId> <decisionLog>}; the database URLs come
 * from {@code COVET_2PC_PG} and {@code COVET_2PC_MARIADB}.
 */
public final class TwoPhaseCrashChild {
    static final int HALTED_BEFORE_DECISION = 77;
    static final int HALTED_AFTER_DECISION = 78;

    private TwoPhaseCrashChild() {
    }

    public static void main(String[] args) {
        boolean beforeDecision = args[0].equals("before-decision");
        Database pg = Database.open(System.getenv("COVET_2PC_PG"));
        Database maria = Database.open(System.getenv("COVET_2PC_MARIADB"));
        TwoPhaseCommit tpc = TwoPhaseCommit.builder(args[1], Path.of(args[2])).participant(pg).participant(maria)
                .listener(new TwoPhaseCommit.Listener() {
                    @Override
                    public void prepared(String gid) {
                        if (beforeDecision) {
                            Runtime.getRuntime().halt(HALTED_BEFORE_DECISION);
                        }
                    }

                    @Override
                    public void decided(String gid) {
                        Runtime.getRuntime().halt(HALTED_AFTER_DECISION);
                    }
                }).build();
        tpc.run("crash", () -> {
            pg.sql("INSERT INTO ledger (id, note) VALUES (1, 'pg side')").execute();
            maria.sql("INSERT INTO ledger (id, note) VALUES (1, 'mariadb side')").execute();
            return null;
        });
        System.exit(1); // never reached: the listener halts the JVM
    }
}
