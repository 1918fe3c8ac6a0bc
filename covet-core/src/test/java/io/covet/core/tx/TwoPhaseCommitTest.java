package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UniqueViolation;
import io.covet.core.error.UnsupportedFeature;
import io.covet.core.tx.twophase.TwoPhaseCommit;
import io.covet.testing.EngineSource;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TwoPhaseCommitTest {
    @TempDir
    Path dir;
    private Scratch pgScratch;
    private Scratch mariaScratch;
    private Database pg;
    private Database maria;
    private String id;

    @BeforeEach
    void openBoth() {
        assumeTrue(EngineSource.selected().containsAll(List.of(Engine.POSTGRESQL, Engine.MARIADB)),
                "two-phase commit needs both PostgreSQL and MariaDB in COVET_TEST_ENGINES");
        pgScratch = Scratch.on(Engine.POSTGRESQL);
        mariaScratch = Scratch.on(Engine.MARIADB);
        pg = pgScratch.db();
        maria = mariaScratch.db();
        for (Database db : List.of(pg, maria)) {
            db.sql("CREATE TABLE ledger (id INTEGER PRIMARY KEY, note VARCHAR(50) NOT NULL)").execute();
        }
        id = "t" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }

    @AfterEach
    void closeBoth() throws Exception {
        if (pg == null) {
            return;
        }
        // Whatever a failed test left prepared would hold locks that block dropping the scratch databases.
        for (Database db : List.of(pg, maria)) {
            for (String gid : inDoubt(db)) {
                db.sql(db.engine() == Engine.POSTGRESQL ? "ROLLBACK PREPARED '" + gid + "'" : "XA ROLLBACK '" + gid + "'")
                        .execute();
            }
        }
        pgScratch.close();
        mariaScratch.close();
    }

    private List<String> inDoubt(Database db) {
        String prefix = "covet-" + id + "-";
        List<String> gids = db.engine() == Engine.POSTGRESQL
                ? db.sql("SELECT gid FROM pg_prepared_xacts").list(rs -> rs.getString(1))
                : db.sql("XA RECOVER").list(rs -> rs.getString("data"));
        return gids.stream().filter(g -> g.startsWith(prefix)).toList();
    }

    private static List<String> notes(Database db) {
        return db.sql("SELECT note FROM ledger ORDER BY id").list(rs -> rs.getString(1));
    }

    private TwoPhaseCommit coordinator(TwoPhaseCommit.Listener listener) {
        return TwoPhaseCommit.builder(id, dir.resolve("decisions.log")).participant(pg).participant(maria)
                .listener(listener).build();
    }

    @Test
    void commitsOnBothDatabasesAndThenRunsOnCommit() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (TwoPhaseCommit tpc = coordinator(new TwoPhaseCommit.Listener() {
            @Override
            public void completed(String gid, boolean committed) {
                events.add("completed " + committed);
            }
        })) {
            String r = tpc.run("pair", () -> {
                pg.sql("INSERT INTO ledger (id, note) VALUES (1, 'pg')").execute();
                maria.sql("INSERT INTO ledger (id, note) VALUES (1, 'maria')").execute();
                maria.onCommit(() -> events.add("onCommit sees " + notes(pg) + notes(maria)));
                return "ok";
            });
            assertThat(r).isEqualTo("ok");
        }
        assertThat(notes(pg)).containsExactly("pg");
        assertThat(notes(maria)).containsExactly("maria");
        assertThat(events).containsExactly("completed true", "onCommit sees [pg][maria]");
        assertThat(inDoubt(pg)).isEmpty();
        assertThat(inDoubt(maria)).isEmpty();
    }

    @Test
    void aFailureInTheWorkRollsBackBoth() {
        try (TwoPhaseCommit tpc = coordinator(new TwoPhaseCommit.Listener() { })) {
            Throwable e = catchThrowable(() -> tpc.run(() -> {
                pg.sql("INSERT INTO ledger (id, note) VALUES (1, 'pg')").execute();
                maria.sql("INSERT INTO ledger (id, note) VALUES (1, 'maria')").execute();
                throw new IllegalStateException("changed my mind");
            }));
            assertThat(e).hasMessage("changed my mind");
        }
        assertThat(notes(pg)).isEmpty();
        assertThat(notes(maria)).isEmpty();
        assertThat(inDoubt(pg)).isEmpty();
        assertThat(inDoubt(maria)).isEmpty();
    }

    @Test
    void aBranchBrokenByACaughtErrorCannotPrepareSoNothingCommits() {
        pg.sql("INSERT INTO ledger (id, note) VALUES (1, 'existing')").execute();
        try (TwoPhaseCommit tpc = coordinator(new TwoPhaseCommit.Listener() { })) {
            Throwable e = catchThrowable(() -> tpc.run("broken", () -> {
                maria.sql("INSERT INTO ledger (id, note) VALUES (1, 'maria')").execute();
                try {
                    pg.sql("INSERT INTO ledger (id, note) VALUES (1, 'duplicate')").execute();
                } catch (UniqueViolation swallowed) {
                    // PostgreSQL's branch is now aborted; preparing it must fail, not silently roll back
                }
                return null;
            }));
            assertThat(e).isInstanceOf(TransactionException.class)
                    .hasMessageContaining("two-phase transaction 'broken'")
                    .hasMessageContaining("was rolled back everywhere: database 'default' could not prepare");
        }
        assertThat(notes(pg)).containsExactly("existing");
        assertThat(notes(maria)).isEmpty();
        assertThat(inDoubt(pg)).isEmpty();
        assertThat(inDoubt(maria)).isEmpty();
    }

    @Test
    void aCoordinatorKilledBeforeTheDecisionIsRolledBackByRecovery() throws Exception {
        crashChild("before-decision", TwoPhaseCrashChild.HALTED_BEFORE_DECISION);
        TwoPhaseCommit.Recovery r;
        try (TwoPhaseCommit tpc = coordinator(new TwoPhaseCommit.Listener() { })) {
            r = tpc.recover();
            assertThat(tpc.recover().rolledBack()).as("idempotent").isEmpty();
        }
        assertThat(r.committed()).isEmpty();
        assertThat(r.rolledBack()).hasSize(2);
        assertThat(notes(pg)).isEmpty();
        assertThat(notes(maria)).isEmpty();
        assertThat(inDoubt(pg)).isEmpty();
        assertThat(inDoubt(maria)).isEmpty();
    }

    @Test
    void aCoordinatorKilledAfterTheDecisionIsCommittedByRecovery() throws Exception {
        crashChild("after-decision", TwoPhaseCrashChild.HALTED_AFTER_DECISION);
        assertThat(Files.readString(dir.resolve("decisions.log"))).startsWith("COMMIT covet-" + id + "-");
        TwoPhaseCommit.Recovery r;
        try (TwoPhaseCommit tpc = coordinator(new TwoPhaseCommit.Listener() { })) {
            r = tpc.recover();
        }
        assertThat(r.rolledBack()).isEmpty();
        assertThat(r.committed()).hasSize(2).allSatisfy(b -> assertThat(b).startsWith("covet-" + id + "-"));
        assertThat(notes(pg)).containsExactly("pg side");
        assertThat(notes(maria)).containsExactly("mariadb side");
        assertThat(inDoubt(pg)).isEmpty();
        assertThat(inDoubt(maria)).isEmpty();
        assertThat(Files.readString(dir.resolve("decisions.log"))).as("resolved decisions are dropped").isEmpty();
    }

    /** Runs the coordinator in a child JVM that halts between the phases; both branches are then in doubt. */
    private void crashChild(String mode, int expectedExit) throws Exception {
        Path out = dir.resolve("child.out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), TwoPhaseCrashChild.class.getName(), mode, id,
                dir.resolve("decisions.log").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("COVET_2PC_PG", pgScratch.url());
        pb.environment().put("COVET_2PC_MARIADB", mariaScratch.url());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isEqualTo(expectedExit);
        assertThat(inDoubt(pg)).as("prepared on PostgreSQL").hasSize(1);
        assertThat(inDoubt(maria)).as("prepared on MariaDB").hasSize(1);
        assertThat(notes(pg)).as("a prepared branch is invisible").isEmpty();
        assertThat(notes(maria)).isEmpty();
    }

    @Test
    void sqliteCannotTakePart() throws Exception {
        try (Scratch lite = Scratch.on(Engine.SQLITE)) {
            Throwable e = catchThrowable(() -> TwoPhaseCommit.builder(id, dir.resolve("x.log")).participant(pg)
                    .participant(lite.db()).build());
            assertThat(e).isInstanceOf(UnsupportedFeature.class)
                    .hasMessageContaining("two-phase commit is not supported by SQLite");
            assertThat(Files.exists(dir.resolve("x.log"))).isFalse();
        }
    }
}
