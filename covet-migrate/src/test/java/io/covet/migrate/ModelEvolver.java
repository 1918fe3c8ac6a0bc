package io.covet.migrate;

import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random model changes, one per step, of the kinds the autodetector generates: create, delete and rename models
 * (plain and many-to-many tables), add, remove, rename and alter fields (foreign keys included), add and remove
 * indexes, unique sets and checks, change a key's ON DELETE. Each change says what it keeps, so the test knows
 * which data must survive it. Deterministic for a seed.
 *
 * <p>What it leaves out on purpose, because the engines (not the migrations) refuse it: indexes and uniques on
 * TEXT columns (MariaDB needs a prefix length), type changes of key columns, narrowing a column (loses data),
 * NOT NULL foreign-key columns outside many-to-many tables, and removing a column under a unique constraint unless
 * it comes back as NULLs: undoing such a removal cannot succeed once rows exist (their values are gone, and no one
 * refill value satisfies the key or the constraint).
 */
final class ModelEvolver {
    static final String APP = "evo";
    static final ColumnType BIG = ColumnType.of(ColumnType.Kind.BIGINT);

    /** One model change. {@code prep} runs first (data a user would fix before such a change). */
    record Change(String description, Schema goal, List<String> prep, Map<String, String> tableRenames,
                  Map<String, Map<String, String>> columnRenames, Set<String> removedTables,
                  Map<String, Set<String>> removedColumns) {
        String table(String before) {
            return tableRenames.getOrDefault(before, before);
        }

        String column(String tableBefore, String column) {
            return columnRenames.getOrDefault(tableBefore, Map.of()).getOrDefault(column, column);
        }

        boolean keeps(String tableBefore, String column) {
            return !removedTables.contains(tableBefore)
                    && !removedColumns.getOrDefault(tableBefore, Set.of()).contains(column);
        }
    }

    private final Random rnd;
    private Schema goal = Schema.empty();
    private int seq;
    private String description;
    private final List<String> prep = new ArrayList<>();
    private final Map<String, String> tableRenames = new HashMap<>();
    private final Map<String, Map<String, String>> columnRenames = new HashMap<>();
    private final Set<String> removedTables = new HashSet<>();
    private final Map<String, Set<String>> removedColumns = new HashMap<>();

    ModelEvolver(long seed) {
        this.rnd = new Random(seed);
    }

    Schema goal() {
        return goal;
    }

    SchemaSource models() {
        return SchemaSource.of(Map.of(APP, List.copyOf(goal.tables())));
    }

    /** The next change; {@code rows(table, columns)} gives current data for the checks that need it. */
    Change next(Data data) {
        for (int attempt = 0; attempt < 200; attempt++) {
            description = null;
            prep.clear();
            tableRenames.clear();
            columnRenames.clear();
            removedTables.clear();
            removedColumns.clear();
            Schema before = goal;
            List<Supplier<Boolean>> moves = new ArrayList<>();
            int plain = plainTables().size();
            for (int i = 0; i < (plain < 4 ? 6 : 1); i++) {
                moves.add(this::createModel);
            }
            for (int i = 0; i < 3; i++) {
                moves.add(this::addField);
                moves.add(this::alterField);
            }
            for (int i = 0; i < 2; i++) {
                moves.add(this::removeField);
                moves.add(this::renameField);
                moves.add(this::addIndex);
            }
            moves.add(this::createManyToMany);
            moves.add(() -> plain > 4 && deleteModel());
            moves.add(this::renameModel);
            moves.add(this::removeIndex);
            moves.add(() -> addUnique(data));
            moves.add(this::removeUnique);
            moves.add(this::addCheck);
            moves.add(this::removeCheck);
            moves.add(this::changeOnDelete);
            moves.add(this::dropForeignKeyOnly);
            if (moves.get(rnd.nextInt(moves.size())).get()) {
                if (tableRenames.isEmpty() && removedTables.isEmpty() && rnd.nextInt(3) == 0) {
                    secondChange(before);
                }
                return new Change(description, goal, List.copyOf(prep), Map.copyOf(tableRenames),
                        Map.copyOf(columnRenames), Set.copyOf(removedTables), Map.copyOf(removedColumns));
            }
            goal = before;
        }
        throw new IllegalStateException("no applicable change found");
    }

    /**
     * Sometimes a second change in the same migration, as a model edit often makes several: one that adds
     * or drops an index, check or key action, a field or a model (not one that renames or removes what the first
     * change may have just made, so that what each keeps stays clear). Dropped if it undoes the first.
     */
    private void secondChange(Schema start) {
        String first = description;
        Schema kept = goal;
        int prepSize = prep.size();
        List<Supplier<Boolean>> seconds = List.of(this::addField, this::addIndex, this::removeIndex, this::addCheck,
                this::removeCheck, this::changeOnDelete, this::createModel, this::createManyToMany);
        if (seconds.get(rnd.nextInt(seconds.size())).get() && !goal.equals(start)) {
            description = first + "; and " + description;
        } else {
            goal = kept;
            description = first;
            prep.subList(prepSize, prep.size()).clear();
        }
    }

    /** Current data, as the test reads it from the database. */
    interface Data {
        /** Whether some two rows of {@code table} with all {@code columns} set have equal values in them. */
        boolean hasDuplicates(String table, List<String> columns);
    }

    // ---- the changes -------------------------------------------------------------------------------------

    private boolean createModel() {
        String name = "t" + (++seq);
        Table t = Table.of(name, List.of(Column.autoIncrement("id", BIG)), List.of("id"));
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            t = t.withColumn(randomColumn(false));
        }
        if (rnd.nextBoolean()) {
            List<Table> targets = new ArrayList<>(plainTables());
            targets.add(t);
            t = withForeignKeyColumn(t, targets.get(rnd.nextInt(targets.size())).name());
        }
        if (rnd.nextBoolean()) {
            List<Column> idx = indexable(t);
            if (!idx.isEmpty()) {
                Column c = idx.get(rnd.nextInt(idx.size()));
                t = t.withIndex(Index.of(Names.of(name, List.of(c.name()), "idx"), List.of(c.name())));
            }
        }
        if (rnd.nextInt(3) == 0) {
            List<Column> u = uniqueable(t);
            if (!u.isEmpty()) {
                Column c = u.get(rnd.nextInt(u.size()));
                t = t.withUnique(new UniqueConstraint(Names.of(name, List.of(c.name()), "uniq"), List.of(c.name())));
            }
        }
        if (rnd.nextInt(3) == 0) {
            t = withCheck(t);
        }
        goal = goal.with(t);
        description = "create model " + name + " " + t;
        return true;
    }

    private boolean createManyToMany() {
        List<Table> plain = plainTables();
        if (plain.size() < 2) {
            return false;
        }
        Table a = plain.get(rnd.nextInt(plain.size()));
        Table b = plain.get(rnd.nextInt(plain.size()));
        if (a == b) {
            return false;
        }
        String name = "m" + (++seq);
        String ca = a.name() + "_id";
        String cb = b.name() + "_id";
        Table m = new Table(name, List.of(Column.of(ca, BIG), Column.of(cb, BIG)), List.of(ca, cb), List.of(),
                List.of(), List.of(), List.of(
                new ForeignKey(Names.of(name, List.of(ca), "fk"), List.of(ca), a.name(), List.of("id"), OnDelete.CASCADE),
                new ForeignKey(Names.of(name, List.of(cb), "fk"), List.of(cb), b.name(), List.of("id"),
                        OnDelete.CASCADE)));
        goal = goal.with(m);
        description = "create many-to-many " + name + " between " + a.name() + " and " + b.name();
        return true;
    }

    private boolean deleteModel() {
        List<Table> plain = plainTables();
        Table t = plain.get(rnd.nextInt(plain.size()));
        deleteTable(t.name());
        description = "delete model " + t.name() + " (with the fields and many-to-many tables pointing at it)";
        return true;
    }

    private void deleteTable(String name) {
        removedTables.add(name);
        goal = goal.without(name);
        for (Table r : List.copyOf(goal.tables())) {
            for (ForeignKey f : r.foreignKeys()) {
                if (!f.refTable().equals(name)) {
                    continue;
                }
                if (manyToMany(r)) {
                    if (goal.table(r.name()).isPresent()) {
                        deleteTable(r.name());
                    }
                } else {
                    removeColumn(r.name(), f.columns().get(0));
                }
            }
        }
    }

    private boolean renameModel() {
        List<Table> all = List.copyOf(goal.tables());
        if (all.isEmpty()) {
            return false;
        }
        Table t = all.get(rnd.nextInt(all.size()));
        String to = (manyToMany(t) ? "m" : "t") + (++seq);
        goal = goal.renamed(t.name(), to);
        tableRenames.put(t.name(), to);
        description = "rename model " + t.name() + " to " + to;
        return true;
    }

    private boolean addField() {
        Table t = randomPlain();
        if (t == null) {
            return false;
        }
        Table after;
        if (rnd.nextInt(3) == 0) {
            List<Table> targets = plainTables();
            after = withForeignKeyColumn(t, targets.get(rnd.nextInt(targets.size())).name());
            String col = after.columns().get(after.columns().size() - 1).name();
            if (rnd.nextBoolean()) {
                // The reported case: an explicit index on a key column, which then alone backs the key on MariaDB.
                after = after.withIndex(Index.of(Names.of(t.name(), List.of(col), "idx"), List.of(col)));
            }
        } else {
            after = t.withColumn(randomColumn(true));
        }
        goal = goal.with(after);
        description = "add field to " + t.name() + ": " + after.columns().get(after.columns().size() - 1);
        return true;
    }

    private boolean removeField() {
        Table t = randomPlain();
        if (t == null || t.columns().size() < 3) {
            return false;
        }
        // A column under a unique constraint comes back with one value in every row (its zero or default), which
        // the constraint refuses once there are two rows; only a nullable one without default comes back as NULLs.
        List<Column> cs = t.columns().stream().filter(c -> !c.name().equals("id")).filter(c ->
                (c.nullable() && c.defaultValue() == null)
                        || t.uniques().stream().noneMatch(u -> u.columns().contains(c.name()))).toList();
        if (cs.isEmpty()) {
            return false;
        }
        Column c = cs.get(rnd.nextInt(cs.size()));
        removeColumn(t.name(), c.name());
        description = "remove field " + t.name() + "." + c.name();
        return true;
    }

    private void removeColumn(String table, String column) {
        Table t = goal.require(table);
        t = t.withoutColumn(column);
        for (CheckConstraint k : List.copyOf(t.checks())) {
            if (k.expression().startsWith(column + " ")) {
                t = t.without(k.name());
            }
        }
        goal = goal.with(t);
        removedColumns.computeIfAbsent(table, k -> new HashSet<>()).add(column);
    }

    private boolean renameField() {
        Table t = randomPlain();
        if (t == null || t.columns().size() < 2) {
            return false;
        }
        List<Column> cs = t.columns().stream().filter(c -> !c.name().equals("id")).toList();
        Column c = cs.get(rnd.nextInt(cs.size()));
        String to = "c" + (++seq);
        Schema s = new RenameField(t.name(), c.name(), to).apply(goal);
        Table after = s.require(t.name());
        // The model's check names the new column, as its author would write it.
        for (CheckConstraint k : List.copyOf(after.checks())) {
            if (k.expression().startsWith(c.name() + " ")) {
                after = after.without(k.name()).withCheck(new CheckConstraint(k.name(),
                        to + k.expression().substring(c.name().length())));
            }
        }
        goal = s.with(after);
        columnRenames.computeIfAbsent(t.name(), k -> new HashMap<>()).put(c.name(), to);
        description = "rename field " + t.name() + "." + c.name() + " to " + to;
        return true;
    }

    private boolean alterField() {
        Table t = randomPlain();
        if (t == null) {
            return false;
        }
        List<Column> cs = t.columns().stream().filter(c -> !c.name().equals("id") && !keyColumn(t, c.name())).toList();
        if (cs.isEmpty()) {
            return false;
        }
        Column c = cs.get(rnd.nextInt(cs.size()));
        Column altered;
        switch (rnd.nextInt(4)) {
            case 0 -> {
                ColumnType w = widened(t, c);
                if (w == null) {
                    return false;
                }
                altered = c.withType(w).withDefault(c.defaultValue() == null ? null : defaultFor(w));
            }
            case 1 -> {
                if (c.nullable()) {
                    boolean unique = t.uniques().stream().anyMatch(u -> u.columns().contains(c.name()));
                    if (unique && !c.type().kind().numeric()) {
                        return false;
                    }
                    // Numbers from the row's id, so that a unique column stays unique.
                    prep.add("UPDATE " + t.name() + " SET " + c.name() + " = " + (c.type().kind().numeric()
                            ? "id + 1000000" : literal(c.type())) + " WHERE " + c.name() + " IS NULL");
                }
                altered = c.withNullable(!c.nullable());
            }
            case 2 -> altered = c.withDefault(c.defaultValue() == null ? defaultFor(c.type()) : null);
            default -> {
                if (c.defaultValue() == null || !c.type().kind().numeric()) {
                    return false;
                }
                altered = c.withDefault(ColumnDefault.value(String.valueOf(10 + rnd.nextInt(90))));
            }
        }
        if (altered.equals(c)) {
            return false;
        }
        goal = goal.with(t.withColumn(altered));
        description = "alter field " + t.name() + "." + c.name() + ": " + c + " -> " + altered;
        return true;
    }

    private boolean addIndex() {
        Table t = randomPlain();
        if (t == null) {
            return false;
        }
        List<Column> cs = indexable(t);
        if (cs.isEmpty()) {
            return false;
        }
        List<String> cols = new ArrayList<>();
        List<String> keys = t.foreignKeys().stream().map(f -> f.columns().get(0)).toList();
        cols.add(!keys.isEmpty() && rnd.nextBoolean() ? keys.get(rnd.nextInt(keys.size()))
                : cs.get(rnd.nextInt(cs.size())).name());
        if (rnd.nextInt(3) == 0) {
            String second = cs.get(rnd.nextInt(cs.size())).name();
            if (!cols.contains(second)) {
                cols.add(second);
            }
        }
        String name = Names.of(t.name(), cols, "idx");
        if (t.names().contains(name)) {
            return false;
        }
        goal = goal.with(t.withIndex(Index.of(name, cols)));
        description = "add index " + name + " on " + t.name() + cols;
        return true;
    }

    private boolean removeIndex() {
        Table t = randomWith(x -> !x.indexes().isEmpty());
        if (t == null) {
            return false;
        }
        Index i = t.indexes().get(rnd.nextInt(t.indexes().size()));
        goal = goal.with(t.without(i.name()));
        description = "remove index " + i.name() + " from " + t.name();
        return true;
    }

    private boolean addUnique(Data data) {
        Table t = randomPlain();
        if (t == null) {
            return false;
        }
        List<Column> cs = uniqueable(t);
        if (cs.isEmpty()) {
            return false;
        }
        List<String> cols = new ArrayList<>(List.of(cs.get(rnd.nextInt(cs.size())).name()));
        if (rnd.nextBoolean()) {
            String second = cs.get(rnd.nextInt(cs.size())).name();
            if (!cols.contains(second)) {
                cols.add(second);
            }
        }
        String name = Names.of(t.name(), cols, "uniq");
        if (t.names().contains(name) || t.uniques().stream().anyMatch(u -> u.columns().equals(cols))
                || data.hasDuplicates(t.name(), cols)) {
            return false;
        }
        goal = goal.with(t.withUnique(new UniqueConstraint(name, cols)));
        description = "add unique " + name + " on " + t.name() + cols;
        return true;
    }

    private boolean removeUnique() {
        Table t = randomWith(x -> !manyToMany(x) && !x.uniques().isEmpty());
        if (t == null) {
            return false;
        }
        UniqueConstraint u = t.uniques().get(rnd.nextInt(t.uniques().size()));
        goal = goal.with(t.without(u.name()));
        description = "remove unique " + u.name() + " from " + t.name();
        return true;
    }

    private boolean addCheck() {
        Table t = randomPlain();
        if (t == null) {
            return false;
        }
        Table after = withCheck(t);
        if (after == t) {
            return false;
        }
        goal = goal.with(after);
        description = "add check to " + t.name() + ": " + after.checks().get(after.checks().size() - 1);
        return true;
    }

    private boolean removeCheck() {
        Table t = randomWith(x -> !x.checks().isEmpty());
        if (t == null) {
            return false;
        }
        CheckConstraint k = t.checks().get(rnd.nextInt(t.checks().size()));
        goal = goal.with(t.without(k.name()));
        description = "remove check " + k.name() + " from " + t.name();
        return true;
    }

    private boolean changeOnDelete() {
        Table t = randomWith(x -> !manyToMany(x) && !x.foreignKeys().isEmpty());
        if (t == null) {
            return false;
        }
        ForeignKey f = t.foreignKeys().get(rnd.nextInt(t.foreignKeys().size()));
        OnDelete d = onDelete();
        if (d == f.onDelete()) {
            return false;
        }
        List<ForeignKey> fks = t.foreignKeys().stream().map(x -> x != f ? x
                : new ForeignKey(x.name(), x.columns(), x.refTable(), x.refColumns(), d)).toList();
        goal = goal.with(t.withForeignKeys(fks));
        description = "change ON DELETE of " + f.name() + " to " + d.sql();
        return true;
    }

    private boolean dropForeignKeyOnly() {
        Table t = randomWith(x -> !manyToMany(x) && !x.foreignKeys().isEmpty());
        if (t == null) {
            return false;
        }
        ForeignKey f = t.foreignKeys().get(rnd.nextInt(t.foreignKeys().size()));
        goal = goal.with(t.without(f.name()));
        description = "drop foreign key " + f.name() + " (keeping column " + f.columns() + ")";
        return true;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    static boolean manyToMany(Table t) {
        return t.primaryKey().size() == 2;
    }

    private List<Table> plainTables() {
        return goal.tables().stream().filter(t -> !manyToMany(t)).toList();
    }

    private Table randomPlain() {
        return randomWith(t -> !manyToMany(t));
    }

    private Table randomWith(java.util.function.Predicate<Table> p) {
        List<Table> ts = goal.tables().stream().filter(p).toList();
        return ts.isEmpty() ? null : ts.get(rnd.nextInt(ts.size()));
    }

    /** Whether the column is part of a foreign key of its table or referenced by one (type changes refused). */
    private boolean keyColumn(Table t, String column) {
        return t.foreignKeys().stream().anyMatch(f -> f.columns().contains(column))
                || goal.tables().stream().anyMatch(x -> x.foreignKeys().stream()
                .anyMatch(f -> f.refTable().equals(t.name()) && f.refColumns().contains(column)));
    }

    private Table withForeignKeyColumn(Table t, String target) {
        String col = "c" + (++seq);
        return t.withColumn(Column.nullable(col, BIG)).withForeignKey(new ForeignKey(Names.of(t.name(), List.of(col),
                "fk"), List.of(col), target, List.of("id"), onDelete()));
    }

    private OnDelete onDelete() {
        OnDelete[] ds = {OnDelete.NO_ACTION, OnDelete.CASCADE, OnDelete.SET_NULL, OnDelete.RESTRICT};
        return ds[rnd.nextInt(ds.length)];
    }

    private Column randomColumn(boolean existingRows) {
        String name = "c" + (++seq);
        ColumnType type = switch (rnd.nextInt(6)) {
            case 0 -> ColumnType.of(ColumnType.Kind.INTEGER);
            case 1 -> BIG;
            case 2 -> ColumnType.varchar(20 + 20 * rnd.nextInt(2));
            case 3 -> ColumnType.of(ColumnType.Kind.TEXT);
            case 4 -> ColumnType.of(ColumnType.Kind.BOOLEAN);
            default -> ColumnType.decimal(10, 2);
        };
        return switch (rnd.nextInt(3)) {
            case 0 -> Column.nullable(name, type);
            case 1 -> Column.of(name, type).withDefault(defaultFor(type));
            // NOT NULL without default: added to a table with rows, the questioner's one-off value fills them.
            default -> Column.of(name, type);
        };
    }

    private static ColumnDefault defaultFor(ColumnType t) {
        return switch (t.kind()) {
            case BOOLEAN -> ColumnDefault.value("true");
            case DECIMAL -> ColumnDefault.value("1.50");
            case VARCHAR, TEXT -> ColumnDefault.value("dflt");
            default -> ColumnDefault.value("7");
        };
    }

    /** A value for existing rows (the questioner's one-off default and NULL fills). */
    static ColumnDefault oneOff(ColumnType t) {
        return switch (t.kind()) {
            case BOOLEAN -> ColumnDefault.value("false");
            case VARCHAR, TEXT -> ColumnDefault.value("once");
            default -> ColumnDefault.value("3");
        };
    }

    private static String literal(ColumnType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "1 = 0";
            case VARCHAR, TEXT -> "'fill'";
            default -> "4";
        };
    }

    private ColumnType widened(Table t, Column c) {
        boolean indexed = t.indexes().stream().anyMatch(i -> i.columns().contains(c.name()))
                || t.uniques().stream().anyMatch(u -> u.columns().contains(c.name()));
        return switch (c.type().kind()) {
            case INTEGER -> BIG;
            case VARCHAR -> indexed || rnd.nextBoolean() ? ColumnType.varchar(c.type().length() + 30)
                    : ColumnType.of(ColumnType.Kind.TEXT);
            default -> null;
        };
    }

    private static List<Column> indexable(Table t) {
        return t.columns().stream().filter(c -> !c.name().equals("id") && c.type().kind() != ColumnType.Kind.TEXT)
                .toList();
    }

    private static List<Column> uniqueable(Table t) {
        return indexable(t).stream().filter(c -> c.type().kind() != ColumnType.Kind.BOOLEAN).toList();
    }

    private Table withCheck(Table t) {
        if (t.checks().size() > 2) {
            return t;
        }
        // Not on key columns: MariaDB refuses a check on a column that an ON DELETE action may change.
        List<Column> numeric = t.columns().stream().filter(c -> !c.name().equals("id") && !keyColumn(t, c.name())
                && c.type().kind().numeric() && t.checks().stream().noneMatch(k -> k.expression().startsWith(c.name() + " ")))
                .toList();
        if (numeric.isEmpty()) {
            return t;
        }
        Column c = numeric.get(rnd.nextInt(numeric.size()));
        return t.withCheck(new CheckConstraint(Names.of(t.name(), List.of(c.name()), "check"), c.name() + " >= 0"));
    }
}
