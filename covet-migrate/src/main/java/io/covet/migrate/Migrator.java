package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.migrate.internal.History;
import io.covet.migrate.internal.MigrationLock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Applies and unapplies migrations on one database and records them in the history table.
 *
 * <p>Guarantees: runs take turns under a lock ({@code pg_advisory_lock}, {@code GET_LOCK}, or an exclusive
 * SQLite lock file), so of two concurrent runs one applies and the other then finds nothing to do. On PostgreSQL
 * and SQLite each migration runs in one transaction and is rolled back whole on failure. MariaDB commits DDL
 * at once, so progress is recorded after every operation; an interrupted migration is reported on the next run,
 * which then refuses to go on until told to {@link OnPartial#RESUME resume} or {@link OnPartial#ROLLBACK roll
 * back} it. Applied migrations whose file has changed since are refused unless {@code acceptEdited}.
 */
public final class Migrator {
    /** The history table unless {@link Builder#historyTable} names another. */
    public static final String DEFAULT_HISTORY_TABLE = "covet_migrations";

    /** What to do with a migration that an earlier run left half applied (MariaDB). */
    public enum OnPartial { FAIL, RESUME, ROLLBACK }

    private final Database db;
    private final List<Migration> migrations;
    private final History history;
    private final Duration lockTimeout;
    private final Duration operationLockTimeout;
    private final Consumer<String> progress;
    private final boolean fake;
    private final boolean acceptEdited;
    private final OnPartial onPartial;

    private Migrator(Builder b) {
        this.db = b.db;
        this.migrations = List.copyOf(b.migrations);
        this.history = new History(db.dialect(), b.historyTable);
        this.lockTimeout = b.lockTimeout;
        this.operationLockTimeout = b.operationLockTimeout;
        this.progress = b.progress;
        this.fake = b.fake;
        this.acceptEdited = b.acceptEdited;
        this.onPartial = b.onPartial;
    }

    /** A migrator for {@code db} over these migrations (usually {@link MigrationFiles#load}). */
    public static Builder builder(Database db, List<Migration> migrations) {
        return new Builder(db, migrations);
    }

    /** The name of the history table. */
    public String historyTable() {
        return history.table();
    }

    /** The plan to reach {@code target}, without changing anything. */
    public Plan plan(Target target) {
        return db.withConnection(c -> {
            Ctx x = context(c);
            return compute(x, target);
        });
    }

    /** Every migration with its status, in graph order. */
    public List<MigrationStatus> status() {
        return db.withConnection(c -> {
            Ctx x = context(c);
            List<MigrationStatus> out = new ArrayList<>();
            for (Migration m : x.graph.order()) {
                History.Entry e = x.rows.get(m.key());
                boolean applied = x.applied.contains(m.key());
                out.add(new MigrationStatus(m.key(), applied, e != null && e.partial(), e == null ? 0 : e.opsDone(),
                        m.operations().size(), e != null && !e.checksum().equals(m.checksum()),
                        e == null ? null : e.appliedAt(), e == null ? null : e.appliedBy()));
            }
            return out;
        });
    }

    /** The schema state after the applied migrations (for drift checks). */
    public ProjectState appliedState() {
        return db.withConnection(c -> {
            Ctx x = context(c);
            return x.graph.state(x.applied::contains);
        });
    }

    /**
     * Moves the database to {@code target} under the migration lock.
     *
     * @return one line per migration applied or unapplied (empty when there was nothing to do)
     * @throws MigrationException    on a failure, naming the migration and operation and saying what state the
     *                               database was left in
     * @throws IrreversibleOperation when the plan would unapply an irreversible operation (nothing is changed)
     */
    public List<String> migrate(Target target) {
        return db.withConnection(c -> {
            try (MigrationLock lock = MigrationLock.acquire(db, c, lockTimeout)) {
                history.ensure(c);
                List<String> done = new ArrayList<>();
                Ctx x = context(c);
                handlePartial(c, x, done);
                x = context(c);
                checkEdited(c, x);
                Plan plan = compute(x, target);
                for (Plan.Entry e : plan.entries()) {
                    if (e.backwards()) {
                        refuseIrreversible(e.migration());
                    }
                }
                Runner runner = new Runner(db, c, history, progress, operationLockTimeout);
                for (Plan.Entry e : plan.entries()) {
                    Migration m = e.migration();
                    long t0 = System.nanoTime();
                    if (e.backwards()) {
                        runner.backward(x.graph, x.applied, m, m.operations().size(), fake);
                        x.applied.remove(m.key());
                        x.applied.removeAll(m.replaces());
                    } else {
                        runner.forward(x.graph, x.applied, m, 0, fake);
                        x.applied.add(m.key());
                        x.applied.addAll(m.replaces());
                    }
                    String line = (e.backwards() ? "Unapplied " : "Applied ") + m.key() + (fake ? " (fake)" : "")
                            + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms";
                    progress.accept(line);
                    done.add(line);
                }
                return done;
            }
        });
    }

    private void handlePartial(Connection c, Ctx x, List<String> done) throws SQLException {
        for (History.Entry e : x.rows.values()) {
            if (!e.partial()) {
                continue;
            }
            MigrationKey key = new MigrationKey(e.app(), e.name());
            Migration m = x.graph.require(key);
            int n = m.operations().size();
            int k = e.opsDone();
            // k == n happens when an unapply stopped before undoing anything (or a run died before recording).
            String what = "migration " + key + " was interrupted " + (k < n ? "after operation " + k + " of " + n
                    + " (next: " + m.operations().get(k).describe() + "); " + Ranges.of(k + 1, n, "") + " "
                    + (k + 1 == n ? "is" : "are") + " not applied"
                    : "with all " + n + " operations applied (an unapply stopped before undoing any)");
            Runner runner = new Runner(db, c, history, progress, operationLockTimeout);
            switch (onPartial) {
                case FAIL -> throw new MigrationException(what + ". Run " + Ranges.advice(k, n));
                case RESUME -> {
                    runner.forward(x.graph, x.applied, m, k, false);
                    done.add("Resumed " + key + ": " + (k < n ? "applied " + Ranges.of(k + 1, n, "")
                            : "recorded as applied (every operation was in)"));
                }
                case ROLLBACK -> {
                    refuseIrreversible(m);
                    runner.backward(x.graph, x.applied, m, k, false);
                    done.add("Rolled back the " + k + " applied operation(s) of " + key);
                }
            }
            progress.accept(done.get(done.size() - 1));
        }
    }

    private void checkEdited(Connection c, Ctx x) throws SQLException {
        List<String> edited = new ArrayList<>();
        for (History.Entry e : x.rows.values()) {
            MigrationKey k = new MigrationKey(e.app(), e.name());
            if (x.graph.contains(k) && !x.graph.require(k).checksum().equals(e.checksum())) {
                if (acceptEdited) {
                    history.updateChecksum(c, e.app(), e.name(), x.graph.require(k).checksum());
                } else {
                    edited.add(k.toString());
                }
            }
        }
        if (!edited.isEmpty()) {
            throw new MigrationException("applied migration(s) " + String.join(", ", edited) + " were edited after they "
                    + "were applied (checksum differs from the history table); revert the edit and add a new "
                    + "migration instead, or run `covet migrate --accept-edited` if the edit changes nothing in the "
                    + "database");
        }
    }

    private void refuseIrreversible(Migration m) {
        for (int i = 0; i < m.operations().size(); i++) {
            Operation o = m.operations().get(i);
            if (!o.reversible()) {
                throw new IrreversibleOperation("cannot unapply " + m.key() + ": operation " + (i + 1) + " ("
                        + o.describe() + ") is irreversible; nothing was changed");
            }
        }
    }

    private record Ctx(Map<MigrationKey, History.Entry> rows, Set<MigrationKey> applied, MigrationGraph graph) {
    }

    private Ctx context(Connection c) throws SQLException {
        Map<MigrationKey, History.Entry> rows = new TreeMap<>();
        for (History.Entry e : history.read(c)) {
            rows.put(new MigrationKey(e.app(), e.name()), e);
        }
        Set<MigrationKey> applied = new HashSet<>();
        rows.forEach((k, e) -> {
            if (!e.partial()) {
                applied.add(k);
            }
        });
        for (Migration m : migrations) {
            if (applied.contains(m.key())) {
                applied.addAll(m.replaces());
            }
        }
        MigrationGraph graph = new MigrationGraph(migrations, applied);
        for (Migration m : graph.order()) {
            if (!m.replaces().isEmpty() && applied.containsAll(m.replaces())) {
                applied.add(m.key());
            }
        }
        return new Ctx(rows, applied, graph);
    }

    private static Plan compute(Ctx x, Target t) {
        MigrationGraph g = x.graph;
        List<Plan.Entry> out = new ArrayList<>();
        if (t.isLatest()) {
            for (Migration m : g.order()) {
                if (!x.applied.contains(m.key())) {
                    out.add(new Plan.Entry(m, false));
                }
            }
            return new Plan(out);
        }
        if (!g.apps().contains(t.app())) {
            throw new MigrationException("there are no migrations for app " + t.app() + "; apps: " + g.apps());
        }
        Set<MigrationKey> undo = new HashSet<>();
        if (t.isZero()) {
            for (MigrationKey k : x.applied) {
                if (k.app().equals(t.app()) && g.contains(k)) {
                    undo.addAll(g.descendants(k));
                }
            }
        } else {
            MigrationKey key = new MigrationKey(t.app(), t.name());
            g.require(key);
            if (!x.applied.contains(key)) {
                Set<MigrationKey> need = g.ancestors(key);
                for (Migration m : g.order()) {
                    if (need.contains(m.key()) && !x.applied.contains(m.key())) {
                        out.add(new Plan.Entry(m, false));
                    }
                }
                return new Plan(out);
            }
            for (MigrationKey child : g.children(key)) {
                if (child.app().equals(key.app())) {
                    undo.addAll(g.descendants(child));
                }
            }
        }
        List<Migration> order = new ArrayList<>(g.order());
        java.util.Collections.reverse(order);
        for (Migration m : order) {
            if (undo.contains(m.key()) && x.applied.contains(m.key())) {
                out.add(new Plan.Entry(m, true));
            }
        }
        return new Plan(out);
    }

    /** Builds a {@link Migrator}. */
    public static final class Builder {
        private final Database db;
        private final List<Migration> migrations;
        private String historyTable = DEFAULT_HISTORY_TABLE;
        private Duration lockTimeout = Duration.ofMinutes(10);
        private Duration operationLockTimeout;
        private Consumer<String> progress = s -> { };
        private boolean fake;
        private boolean acceptEdited;
        private OnPartial onPartial = OnPartial.FAIL;

        private Builder(Database db, List<Migration> migrations) {
            this.db = Objects.requireNonNull(db, "db");
            this.migrations = Objects.requireNonNull(migrations, "migrations");
        }

        /** The history table name; default {@code covet_migrations}. */
        public Builder historyTable(String name) {
            db.dialect().validate(name);
            this.historyTable = name;
            return this;
        }

        /** How long to wait for another run's lock; default 10 minutes. */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Sets {@code lock_timeout} (PostgreSQL) / {@code lock_wait_timeout} (MariaDB) before each operation, so a
         * DDL statement waiting behind a long query fails fast instead of blocking every query queued behind it.
         * Default: none. SQLite ignores it.
         */
        public Builder operationLockTimeout(Duration timeout) {
            this.operationLockTimeout = timeout;
            return this;
        }

        /** Receives one line per migration (and data-migration progress). */
        public Builder progress(Consumer<String> sink) {
            this.progress = Objects.requireNonNull(sink);
            return this;
        }

        /** Records migrations as applied (or unapplied) without running them. Risky: the schema must match. */
        public Builder fake(boolean fake) {
            this.fake = fake;
            return this;
        }

        /** Accepts applied migrations whose file changed, recording their new checksum. */
        public Builder acceptEdited(boolean accept) {
            this.acceptEdited = accept;
            return this;
        }

        /** What to do with a half-applied migration; default {@link OnPartial#FAIL}. */
        public Builder onPartial(OnPartial policy) {
            this.onPartial = Objects.requireNonNull(policy);
            return this;
        }

        public Migrator build() {
            return new Migrator(this);
        }
    }

    static boolean transactional(Database db) {
        return db.supports(Feature.TRANSACTIONAL_DDL);
    }
}
