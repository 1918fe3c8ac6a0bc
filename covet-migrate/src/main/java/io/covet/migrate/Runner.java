package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.migrate.internal.History;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Runs one migration's operations on the migration connection; one transaction where the engine allows. */
final class Runner {
    private final Database db;
    private final Connection c;
    private final History history;
    private final SchemaDdl ddl;
    private final MigrationContext ctx;
    private final Duration opLockTimeout;
    private final boolean transactionalDdl;
    private final boolean sqlite;

    Runner(Database db, Connection c, History history, Consumer<String> progress, Duration opLockTimeout) {
        this.db = db;
        this.c = c;
        this.history = history;
        this.ddl = SchemaDdl.of(db.dialect());
        this.ctx = new MigrationContext(c, db.dialect(), progress);
        this.opLockTimeout = opLockTimeout;
        this.transactionalDdl = Migrator.transactional(db);
        // engine SQL: SQLite's table-rebuild procedure (PRAGMA foreign_keys, foreign_key_check)
        this.sqlite = db.engine().family() == Engine.SQLITE;
    }

    /** Applies operations {@code from}.. of {@code m}; {@code from > 0} resumes a partial (MariaDB) migration. */
    void forward(MigrationGraph g, Set<MigrationKey> applied, Migration m, int from, boolean fake) throws SQLException {
        Set<MigrationKey> before = new HashSet<>(applied);
        before.remove(m.key());
        Schema s = g.state(before::contains).schema();
        List<Operation> ops = m.operations();
        for (int i = 0; i < from; i++) {
            s = ops.get(i).apply(s);
        }
        boolean transactional = transactionalDdl && m.atomic();
        long t0 = System.nanoTime();
        if (fake) {
            history.insert(c, m.app(), m.name(), m.checksum(), 0, "applied", ops.size());
            return;
        }
        // Render every step before running any, so a bad identifier or value fails with nothing changed.
        List<List<Step>> steps = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (i >= from) {
                steps.add(render(m, i, ops.get(i), s, false));
                try {
                    s = ops.get(i).apply(s);
                } catch (IllegalArgumentException e) {
                    throw new MigrationException("migration " + m.key() + " operation " + (i + 1) + " ("
                            + ops.get(i).describe() + ") does not fit the schema: " + e.getMessage()
                            + "; nothing was changed", e);
                }
            } else {
                steps.add(List.of());
            }
        }
        if (transactional) {
            inTransaction(m, () -> {
                for (int i = 0; i < ops.size(); i++) {
                    runOp(m, i, steps.get(i), true, false);
                }
                history.insert(c, m.app(), m.name(), m.checksum(), ms(t0), "applied", ops.size());
            });
            return;
        }
        if (from == 0) {
            history.insert(c, m.app(), m.name(), m.checksum(), 0, "partial", 0);
        }
        for (int i = from; i < ops.size(); i++) {
            runOp(m, i, steps.get(i), false, false);
            history.progress(c, m.app(), m.name(), "partial", i + 1, ms(t0));
        }
        history.progress(c, m.app(), m.name(), "applied", ops.size(), ms(t0));
    }

    private List<Step> render(Migration m, int i, Operation op, Schema before, boolean backwards) {
        try {
            if (op instanceof RunJava r) {
                r.reversible(); // loads the class now, so a missing one fails before anything runs
            }
            return backwards ? Operation.backwardSteps(op, before, ddl) : Operation.forwardSteps(op, before, ddl);
        } catch (MigrationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MigrationException("migration " + m.key() + " operation " + (i + 1) + " (" + op.describe()
                    + ") is invalid: " + e.getMessage() + "; nothing was changed", e);
        }
    }

    /** Unapplies operations {@code opsApplied}..1 of {@code m}, last first. */
    void backward(MigrationGraph g, Set<MigrationKey> applied, Migration m, int opsApplied, boolean fake)
            throws SQLException {
        Set<MigrationKey> before = new HashSet<>(applied);
        before.remove(m.key());
        before.removeAll(m.replaces());
        List<Schema> states = new ArrayList<>();
        Schema s = g.state(before::contains).schema();
        for (Operation o : m.operations()) {
            states.add(s);
            s = o.apply(s);
        }
        if (fake) {
            deleteRows(m);
            return;
        }
        List<Operation> ops = m.operations();
        boolean transactional = transactionalDdl && m.atomic();
        long t0 = System.nanoTime();
        List<List<Step>> steps = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            steps.add(i < opsApplied ? render(m, i, ops.get(i), states.get(i), true) : List.of());
        }
        if (transactional) {
            inTransaction(m, () -> {
                for (int i = opsApplied - 1; i >= 0; i--) {
                    runOp(m, i, steps.get(i), true, true);
                }
                deleteRows(m);
            });
            return;
        }
        history.progress(c, m.app(), m.name(), "partial", opsApplied, 0);
        for (int i = opsApplied - 1; i >= 0; i--) {
            runOp(m, i, steps.get(i), false, true);
            history.progress(c, m.app(), m.name(), "partial", i, ms(t0));
        }
        deleteRows(m);
    }

    private void deleteRows(Migration m) throws SQLException {
        history.delete(c, m.app(), m.name());
        for (MigrationKey r : m.replaces()) {
            history.delete(c, r.app(), r.name());
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void inTransaction(Migration m, Work work) throws SQLException {
        if (sqlite) {
            // A table rebuild drops and recreates tables that others reference; SQLite's documented procedure
            // turns foreign keys off (only possible outside a transaction) and checks them before commit.
            exec("PRAGMA foreign_keys = OFF");
        }
        c.setAutoCommit(false);
        try {
            work.run();
            if (sqlite) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
                    if (rs.next()) {
                        throw new MigrationException("migration " + m.key() + " would leave rows in table "
                                + rs.getString(1) + " pointing at missing rows of " + rs.getString(3)
                                + "; it was rolled back. Fix the data (e.g. in a RunJava/RunSQL step) first.");
                    }
                }
            }
            c.commit();
        } catch (Exception e) {
            c.rollback();
            if (e instanceof MigrationException me) {
                throw me;
            }
            throw new MigrationException("migration " + m.key() + " failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
            if (sqlite) {
                exec("PRAGMA foreign_keys = ON");
            }
        }
    }

    private void runOp(Migration m, int i, List<Step> steps, boolean rolledBack, boolean backwards) {
        Operation op = m.operations().get(i);
        String sql = null;
        try {
            setLockTimeout();
            for (Step step : steps) {
                if (step instanceof Step.Sql q) {
                    sql = q.sql();
                    exec(q.sql());
                } else {
                    sql = null;
                    ((Step.Java) step).action().run(ctx);
                }
            }
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            int n = m.operations().size();
            String head = "migration " + m.key() + " failed " + (backwards ? "undoing" : "at") + " operation "
                    + (i + 1) + " of " + n + " (" + op.describe() + ")"
                    + (sql == null ? "" : " running `" + firstLine(sql) + "`") + ": " + e.getMessage() + ". ";
            String why = m.atomic() ? db.engine().displayName() + " commits DDL at once" : "the migration is not atomic";
            // Forwards, operations 1..i are in; backwards, the failed one is still in as well (i+2..n were undone).
            int in = backwards ? i + 1 : i;
            String tail = rolledBack ? "Nothing of it was " + (backwards ? "undone" : "applied") + ": "
                    + db.engine().displayName() + " rolled the whole migration back."
                    : why + ", so " + (in == 0 ? "none of its " + n + " operation(s) is applied"
                    : Ranges.of(1, in, "") + " of " + n + (in == 1 ? " stays" : " stay") + " applied")
                    + (backwards && in < n ? " (" + Ranges.of(in + 1, n, "") + (in + 1 == n ? " was" : " were")
                    + " undone)" : "") + " and the migration is recorded as partial; fix the cause, then run "
                    + Ranges.advice(in, n);
            throw new MigrationException(head + tail, e);
        }
    }

    private void setLockTimeout() throws SQLException {
        if (opLockTimeout == null) {
            return;
        }
        // engine SQL: each server names and measures its lock wait differently; SQLite has no such setting
        switch (db.engine().family()) {
            case POSTGRESQL -> exec("SET LOCAL lock_timeout = " + opLockTimeout.toMillis());
            case MARIADB -> exec("SET SESSION lock_wait_timeout = " + Math.max(1, opLockTimeout.toSeconds()));
            default -> { }
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl) + " …";
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
