package io.covet.migrate;

import io.covet.core.Database;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized model evolution: random model changes (see {@link ModelEvolver}) on tables holding rows; for each
 * change, makemigrations → migrate → the database matches the models ({@code --check --against-database}) and
 * makemigrations finds nothing more → migrate back → the database matches the previous state and the data that
 * the change keeps is back → forward again → the same data as after the first forward run.
 *
 * <p>Seeded: {@code -Dcovet.evolution.seed=N} replays a run (a failure prints its seed and step);
 * {@code -Dcovet.evolution.steps=N} sets its length (default 200 per engine).
 */
class ModelEvolutionTest {
    private static final String HISTORY = Migrator.DEFAULT_HISTORY_TABLE;

    @AllEngines
    void randomModelChangesMigrateForwardBackAndForwardWithTheirData(Scratch s) {
        long seed = Long.getLong("covet.evolution.seed", new Random().nextLong());
        int steps = Integer.getInteger("covet.evolution.steps", 200);
        Database db = s.db();
        Run run = new Run(db, seed);
        long t0 = System.nanoTime();
        int step = 0;
        try {
            for (step = 1; step <= steps; step++) {
                run.step(step);
            }
        } catch (Throwable e) {
            throw new AssertionError(s.engine().displayName() + ": model evolution failed at step " + step + " of "
                    + steps + " (" + run.last + "); replay with -Dcovet.evolution.seed=" + seed + "\n"
                    + "migration: " + run.lastOps + "\n" + e.getMessage(), e);
        }
        System.out.printf("model evolution on %s: %d steps (seed %d) in %.1f s (snapshots %.1f s, makemigrations "
                        + "%.1f s, migrate %.1f s, drift checks %.1f s, inserts %.1f s)%n", s.engine().displayName(),
                steps, seed, (System.nanoTime() - t0) / 1e9, run.nanos[0] / 1e9, run.nanos[1] / 1e9,
                run.nanos[2] / 1e9, run.nanos[3] / 1e9, run.nanos[4] / 1e9);
    }

    /** One run: the models, the migrations made so far, and a generator of values. */
    private static final class Run {
        final Database db;
        final ModelEvolver evolver;
        final Random values;
        final List<Migration> migrations = new ArrayList<>();
        String last = "nothing yet";
        String lastOps = "";
        /** Above every default and fill value the generator uses, so inserted values never repeat one. */
        long counter = 1000;
        final long[] nanos = new long[8];
        long mark;

        void lap(int phase) {
            long now = System.nanoTime();
            nanos[phase] += now - mark;
            mark = now;
        }

        Run(Database db, long seed) {
            this.db = db;
            this.evolver = new ModelEvolver(seed);
            this.values = new Random(seed * 31 + 7);
        }

        void step(int n) {
            mark = System.nanoTime();
            Schema before = evolver.goal();
            ModelEvolver.Change change = evolver.next(this::hasDuplicates);
            last = change.description();
            lastOps = "";
            change.prep().forEach(sql -> db.sql(sql).execute());
            Map<String, Map<String, Map<String, String>>> s0 = snapshot(before);
            lap(0);

            // makemigrations, through the file format as `covet makemigrations` writes it
            MigrationGraph g = new MigrationGraph(migrations, Set.of());
            List<Migration> made = Autodetector.migrations(g, evolver.models(), questioner());
            assertThat(made).as("makemigrations for a model change").hasSize(1);
            Migration m = MigrationFiles.parse(MigrationFiles.toJson(made.get(0)), made.get(0).name());
            lastOps = m.operations().stream().map(Operation::describe).toList().toString();
            Target back = migrations.isEmpty() ? Target.zero(ModelEvolver.APP)
                    : Target.of(ModelEvolver.APP, migrations.get(migrations.size() - 1).name());
            migrations.add(m);
            Migrator migrator = Migrator.builder(db, migrations).build();
            lap(1);

            migrator.migrate(Target.latest());
            lap(2);
            assertThat(Drift.differences(db, evolver.models(), HISTORY)).as("models vs database after migrate")
                    .isEmpty();
            assertThat(Autodetector.migrations(new MigrationGraph(migrations, Set.of()), evolver.models(),
                    questioner())).as("makemigrations right after migrating").isEmpty();
            lap(3);
            Map<String, Map<String, Map<String, String>>> s1 = snapshot(evolver.goal());
            assertKept(change, s0, s1);
            lap(0);

            migrator.migrate(back);
            lap(2);
            assertThat(Drift.differences(db, migrator)).as("database vs migrations after migrating back").isEmpty();
            lap(3);
            Map<String, Map<String, Map<String, String>>> s2 = snapshot(before);
            assertBack(change, s0, s2);

            migrator.migrate(Target.latest());
            lap(2);
            assertThat(snapshot(evolver.goal())).as("data after migrating forward again").isEqualTo(s1);
            lap(0);
            insertRows(evolver.goal());
            lap(4);
        }

        Questioner questioner() {
            return new Questioner() {
                @Override
                public boolean renameModel(String from, String to) {
                    return true;
                }

                @Override
                public boolean renameField(String table, String from, String to) {
                    return true;
                }

                @Override
                public ColumnDefault oneOffDefault(String table, Column column) {
                    return ModelEvolver.oneOff(column.type());
                }
            };
        }

        /** What the change keeps is unchanged after it, under the new names. */
        void assertKept(ModelEvolver.Change c, Map<String, Map<String, Map<String, String>>> before,
                        Map<String, Map<String, Map<String, String>>> after) {
            before.forEach((table, rows) -> {
                if (c.removedTables().contains(table)) {
                    return;
                }
                Map<String, Map<String, String>> now = after.get(c.table(table));
                assertThat(now).as("table " + table + " after the change").isNotNull();
                assertThat(now.keySet()).as("rows of " + table).isEqualTo(rows.keySet());
                rows.forEach((key, row) -> row.forEach((col, v) -> {
                    if (c.keeps(table, col)) {
                        assertThat(now.get(key).get(c.column(table, col))).as(table + "." + col + " of row " + key)
                                .isEqualTo(v);
                    }
                }));
            });
        }

        /** Back before the change, everything but what it removed is as it was. */
        void assertBack(ModelEvolver.Change c, Map<String, Map<String, Map<String, String>>> before,
                        Map<String, Map<String, Map<String, String>>> back) {
            before.forEach((table, rows) -> {
                Map<String, Map<String, String>> now = back.get(table);
                if (c.removedTables().contains(table)) {
                    assertThat(now).as("table " + table + " comes back empty").isEmpty();
                    return;
                }
                assertThat(now.keySet()).as("rows of " + table + " after migrating back").isEqualTo(rows.keySet());
                rows.forEach((key, row) -> row.forEach((col, v) -> {
                    if (c.keeps(table, col)) {
                        assertThat(now.get(key).get(col)).as(table + "." + col + " of row " + key + " after migrating "
                                + "back").isEqualTo(v);
                    }
                }));
            });
        }

        /** Every table's rows by primary key, each as column → value in a form equal across drivers. */
        Map<String, Map<String, Map<String, String>>> snapshot(Schema schema) {
            Map<String, Map<String, Map<String, String>>> out = new TreeMap<>();
            for (Table t : schema.tables()) {
                List<String> cols = t.columnNames();
                Map<String, Map<String, String>> rows = new TreeMap<>();
                db.sql("SELECT " + String.join(", ", cols.stream().map(db.dialect()::quote).toList()) + " FROM "
                        + db.dialect().quote(t.name())).list(rs -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < cols.size(); i++) {
                        row.put(cols.get(i), normal(rs.getObject(i + 1)));
                    }
                    StringBuilder key = new StringBuilder();
                    t.primaryKey().forEach(k -> key.append(row.get(k)).append('/'));
                    rows.put(key.toString(), row);
                    return row;
                });
                out.put(t.name(), rows);
            }
            return out;
        }

        static String normal(Object v) {
            if (v == null) {
                return null;
            }
            if (v instanceof Boolean b) {
                return b ? "1" : "0";
            }
            if (v instanceof Number n) {
                return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            }
            if (v instanceof byte[] b) {
                return HexFormat.of().formatHex(b);
            }
            return v.toString();
        }

        boolean hasDuplicates(String table, List<String> cols) {
            List<String> seen = new ArrayList<>();
            String q = "SELECT " + String.join(", ", cols.stream().map(db.dialect()::quote).toList()) + " FROM "
                    + db.dialect().quote(table);
            for (List<String> r : db.sql(q).list(rs -> {
                List<String> x = new ArrayList<>();
                for (int i = 1; i <= cols.size(); i++) {
                    x.add(normal(rs.getObject(i)));
                }
                return x;
            })) {
                if (r.contains(null)) {
                    continue;
                }
                String k = String.join("\u0000", r);
                if (seen.contains(k)) {
                    return true;
                }
                seen.add(k);
            }
            return false;
        }

        /**
         * One or two new rows in a few tables (so that reading every table stays cheap as the run goes on), every
         * value distinct from the ones before it (uniques hold).
         */
        void insertRows(Schema schema) {
            List<Table> tables = new ArrayList<>(schema.tables());
            java.util.Collections.shuffle(tables, values);
            for (Table t : tables.subList(0, Math.min(4, tables.size()))) {
                if (ModelEvolver.manyToMany(t)) {
                    ForeignKey a = t.foreignKeys().get(0);
                    ForeignKey b = t.foreignKeys().get(1);
                    Object x = anyId(a.refTable());
                    Object y = anyId(b.refTable());
                    if (x != null && y != null && db.sql("SELECT 1 FROM " + t.name() + " WHERE " + a.columns().get(0)
                            + " = ? AND " + b.columns().get(0) + " = ?", x, y).list().isEmpty()) {
                        db.sql("INSERT INTO " + t.name() + " (" + a.columns().get(0) + ", " + b.columns().get(0)
                                + ") VALUES (?, ?)", x, y).execute();
                    }
                    continue;
                }
                for (int r = 0; r < 1 + values.nextInt(2); r++) {
                    List<String> cols = new ArrayList<>();
                    List<Object> vals = new ArrayList<>();
                    for (Column c : t.columns()) {
                        if (c.autoIncrement()) {
                            continue;
                        }
                        ForeignKey fk = t.foreignKeys().stream().filter(f -> f.columns().contains(c.name()))
                                .findFirst().orElse(null);
                        Object v;
                        boolean unique = t.uniques().stream().anyMatch(u -> u.columns().contains(c.name()));
                        if (fk != null) {
                            // A key column under a unique constraint (one-to-one) stays NULL: ids would repeat.
                            v = unique || values.nextInt(4) == 0 ? null : anyId(fk.refTable());
                        } else if (c.nullable() && values.nextInt(5) == 0) {
                            v = null;
                        } else {
                            v = value(c.type());
                        }
                        if (v == null && !c.nullable()) {
                            v = value(c.type());
                        }
                        cols.add(c.name());
                        vals.add(v);
                    }
                    if (cols.isEmpty()) {
                        break; // only the key is left: nothing to say about its rows
                    }
                    db.sql("INSERT INTO " + t.name() + " (" + String.join(", ", cols) + ") VALUES ("
                            + String.join(", ", cols.stream().map(x -> "?").toList()) + ")", vals).execute();
                }
            }
        }

        Object anyId(String table) {
            List<Long> ids = db.sql("SELECT id FROM " + table + " ORDER BY id").list(rs -> rs.getLong(1));
            return ids.isEmpty() ? null : ids.get(values.nextInt(ids.size()));
        }

        Object value(ColumnType t) {
            long n = ++counter;
            return switch (t.kind()) {
                case BOOLEAN -> n % 2 == 0;
                case INTEGER -> (int) n;
                case BIGINT -> n * 1_000L;
                case DECIMAL -> new BigDecimal(n + ".25");
                default -> "v" + n;
            };
        }
    }
}
