package io.covet.migrate;

import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ForeignKey;
import io.covet.schema.HistoryTable;
import io.covet.schema.Index;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the state the migrations produce with the state the models describe and writes the operations that
 * take one to the other, as an ordered pipeline (like Django's): renames of tables and columns (confirmed by
 * the {@link Questioner}), removals of foreign keys, constraints and indexes, deletions of tables (referencing
 * ones first), creations of tables (referenced ones first), removed, added and altered columns, then added
 * unique sets, checks, foreign keys and indexes. Each step works on the state left by the previous ones.
 */
public final class Autodetector {
    private final Questioner questioner;
    private final SchemaSource target;
    private final Schema goal;
    private Schema cur;
    private final Map<String, String> owners;
    private final List<Map.Entry<String, Operation>> ops = new ArrayList<>();

    private Autodetector(ProjectState from, SchemaSource target, Questioner questioner) {
        this.cur = from.schema();
        this.owners = new TreeMap<>(from.owners());
        this.target = target;
        this.goal = target.schema();
        this.questioner = questioner;
    }

    /**
     * The operations, per app in pipeline order, that take {@code from} to the target.
     *
     * @throws MigrationException when a change cannot be generated (a primary-key change, a NOT NULL column
     *                            without default that the questioner gave no value for)
     */
    public static Map<String, List<Operation>> operations(ProjectState from, SchemaSource target, Questioner q) {
        Autodetector a = new Autodetector(from, target, q);
        a.run();
        Map<String, List<Operation>> out = new TreeMap<>();
        for (Map.Entry<String, Operation> e : a.ops) {
            out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        return out;
    }

    /**
     * New migrations, one per app with changes, named after the app's next number and depending on the app's
     * leaf and on the migrations of apps whose tables they reference.
     */
    public static List<Migration> migrations(MigrationGraph graph, SchemaSource target, Questioner q) {
        ProjectState current = graph.state(k -> true);
        Map<String, List<Operation>> byApp = operations(current, target, q);
        Map<String, MigrationKey> newKeys = new TreeMap<>();
        byApp.forEach((app, list) -> newKeys.put(app, new MigrationKey(app, nextName(graph, app, list))));
        List<Migration> out = new ArrayList<>();
        for (Map.Entry<String, List<Operation>> e : byApp.entrySet()) {
            String app = e.getKey();
            Set<MigrationKey> deps = new TreeSet<>();
            if (graph.apps().contains(app)) {
                deps.addAll(graph.leaves(app));
            }
            for (String ref : referencedTables(e.getValue())) {
                String owner = current.ownerOf(ref);
                owner = owner != null ? owner : safeAppOf(target, ref);
                if (owner == null || owner.equals(app)) {
                    continue;
                }
                if (newKeys.containsKey(owner)) {
                    deps.add(newKeys.get(owner));
                } else if (graph.apps().contains(owner)) {
                    deps.addAll(graph.leaves(owner));
                }
            }
            out.add(new Migration(newKeys.get(app), List.copyOf(deps), e.getValue()));
        }
        return out;
    }

    private static String safeAppOf(SchemaSource s, String table) {
        try {
            return s.appOf(table);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Set<String> referencedTables(List<Operation> list) {
        Set<String> out = new TreeSet<>();
        for (Operation o : list) {
            if (o instanceof CreateModel c) {
                c.table().foreignKeys().forEach(f -> out.add(f.refTable()));
            } else if (o instanceof AddConstraint a && a.constraint() instanceof ForeignKey f) {
                out.add(f.refTable());
            }
        }
        return out;
    }

    /** {@code 0001_initial}, else the next number and a name from the first operation. */
    static String nextName(MigrationGraph graph, String app, List<Operation> list) {
        int max = 0;
        for (Migration m : graph.order()) {
            if (m.app().equals(app) && m.name().matches("\\d{4}_.*")) {
                max = Math.max(max, Integer.parseInt(m.name().substring(0, 4)));
            }
        }
        String n = String.format("%04d_", max + 1);
        if (max == 0) {
            return n + "initial";
        }
        Operation o = list.get(0);
        String frag = o instanceof CreateModel c ? c.table().name()
                : o instanceof DeleteModel d ? "delete_" + d.table()
                : o instanceof AddField f ? f.table() + "_" + f.column().name()
                : o instanceof RemoveField f ? "remove_" + f.table() + "_" + f.column()
                : o instanceof AlterField f ? "alter_" + f.table() + "_" + f.column().name()
                : o instanceof RenameField f ? "rename_" + f.from() + "_" + f.table() + "_and_more"
                : o instanceof RenameModel r ? "rename_" + r.from() + "_" + r.to()
                : "auto";
        frag = frag.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (list.size() > 1 && !frag.endsWith("_and_more")) {
            frag += "_and_more";
        }
        return n + (frag.length() > 60 ? frag.substring(0, 60) : frag);
    }

    private void emit(String app, Operation op) {
        cur = op.apply(cur);
        ProjectState.track(app, op, owners);
        ops.add(Map.entry(app, op));
    }

    private String appOf(String table) {
        return owners.containsKey(table) ? owners.get(table) : target.appOf(table);
    }

    private void run() {
        Schema start = cur;
        Map<String, String> startOwners = new TreeMap<>(owners);
        renameModels();
        renameFields();
        enumTypes();
        removeKeysAndIndexes();
        deleteModels();
        createModels();
        for (Table g : goal.tables()) {
            cur.table(g.name()).ifPresent(t -> {
                if (!t.primaryKey().equals(g.primaryKey())) {
                    throw new MigrationException("the primary key of " + g.name() + " changes from " + t.primaryKey()
                            + " to " + g.primaryKey() + ", which the autodetector does not generate; write that "
                            + "migration by hand (RunSQL inside SeparateDatabaseAndState)");
                }
                if (!Objects.equals(t.partitioning(), g.partitioning()) && !partitionsAdded(t, g)) {
                    throw new MigrationException("the partitioning of " + g.name() + " changes (@Partitioned) "
                            + "other than by partitions added after the existing ones, which the autodetector does "
                            + "not generate: partitions of an existing table are dropped or re-split with the "
                            + "engine's own statements. Write that migration by hand (RunSQL inside "
                            + "SeparateDatabaseAndState, the state side recreating the model as partitioned)");
                }
            });
        }
        systemVersioning();
        partitions();
        fields();
        addKeysAndIndexes();
        historyTriggers(start, startOwners);
    }

    /**
     * A table that becomes system-versioned (or stops being) gets its period columns by an operation of its own,
     * since MariaDB adds or drops them together with the versioning in one statement; a new table gets them in
     * its CreateModel.
     */
    private void systemVersioning() {
        for (Table g : goal.tables()) {
            Table t = cur.table(g.name()).orElse(null);
            if (t == null) {
                continue;
            }
            boolean want = io.covet.schema.SystemVersioning.isVersioned(g);
            if (want != io.covet.schema.SystemVersioning.isVersioned(t)) {
                emit(appOf(g.name()), want ? new AddSystemVersioning(g.name()) : new RemoveSystemVersioning(g.name()));
            }
        }
    }

    /** Whether {@code g} is {@code t} with partitions added after its own (same method, key and partitions). */
    private static boolean partitionsAdded(Table t, Table g) {
        var a = t.partitioning();
        var b = g.partitioning();
        return a != null && b != null && a.method() == b.method() && a.columns().equals(b.columns())
                && b.partitions().size() > a.partitions().size()
                && b.partitions().subList(0, a.partitions().size()).equals(a.partitions());
    }

    /** An AddPartition for each partition a model's {@code @Partitioned} gained at its end. */
    private void partitions() {
        for (Table g : goal.tables()) {
            Table t = cur.table(g.name()).orElse(null);
            if (t != null && partitionsAdded(t, g)) {
                for (var p : g.partitioning().partitions().subList(t.partitioning().partitions().size(),
                        g.partitioning().partitions().size())) {
                    emit(appOf(g.name()), new AddPartition(g.name(), p));
                }
            }
        }
    }

    /** Table tracked by triggers → its history table, in a state (application-written histories have none). */
    private static Map<String, String> historyPairs(Schema s) {
        Map<String, String> out = new TreeMap<>();
        for (Table h : s.tables()) {
            HistoryTable.sourceOf(s, h).filter(src -> !HistoryTable.writtenByApplication(h, src.name()))
                    .ifPresent(src -> out.put(src.name(), h.name()));
        }
        return out;
    }

    /**
     * History triggers copy the columns of the history table, and a SQLite table rebuild drops them: a migration
     * that changes a tracked table or its history table drops the triggers first and creates them again last, for
     * the tables as they are then. A table that becomes tracked gets them last; one that stops being tracked loses
     * them first. A change to a table that a tracked table's {@code ON DELETE CASCADE} / {@code SET NULL} key
     * references counts as a change to the tracked table: on MariaDB its triggers include one on that table, which
     * reads the referenced columns.
     */
    private void historyTriggers(Schema start, Map<String, String> startOwners) {
        Map<String, String> before = historyPairs(start);
        Map<String, String> after = historyPairs(cur);
        Set<String> touched = new HashSet<>();
        for (Map.Entry<String, Operation> e : ops) {
            Set<String> t = Optimizer.tables(e.getValue());
            if (t != null) {
                touched.addAll(t);
            }
        }
        List<Map.Entry<String, Operation>> first = new ArrayList<>();
        before.forEach((src, h) -> {
            if (touched.contains(src) || touched.contains(h) || !h.equals(after.get(src))
                    || actsOnTouched(start, src, touched)) {
                // a tracked model deleted by this migration has no owner left in the current state
                first.add(Map.entry(startOwners.containsKey(src) ? startOwners.get(src) : appOf(src),
                        new DropHistoryTriggers(src, h)));
            }
        });
        ops.addAll(0, first);
        after.forEach((src, h) -> {
            if (touched.contains(src) || touched.contains(h) || !h.equals(before.get(src))
                    || actsOnTouched(cur, src, touched)) {
                emit(appOf(src), new CreateHistoryTriggers(src, h));
            }
        });
    }

    /** Whether a foreign key of {@code src} in {@code s} with a delete action references a table in {@code touched}. */
    private static boolean actsOnTouched(Schema s, String src, Set<String> touched) {
        return s.require(src).foreignKeys().stream().anyMatch(fk -> touched.contains(fk.refTable())
                && (fk.onDelete() == io.covet.schema.OnDelete.CASCADE || fk.onDelete() == io.covet.schema.OnDelete.SET_NULL));
    }

    private void renameModels() {
        List<String> removed = cur.tableNames().stream().filter(n -> goal.table(n).isEmpty()).toList();
        List<String> added = new ArrayList<>(goal.tableNames().stream().filter(n -> cur.table(n).isEmpty()).toList());
        for (String r : removed) {
            Set<Column> cols = new HashSet<>(cur.require(r).columns());
            for (String a : List.copyOf(added)) {
                if (cols.equals(new HashSet<>(goal.require(a).columns())) && questioner.renameModel(r, a)) {
                    emit(owners.getOrDefault(r, target.appOf(a)), new RenameModel(r, a));
                    added.remove(a);
                    break;
                }
            }
        }
    }

    private void renameFields() {
        List<RenameField> renamed = new ArrayList<>();
        for (Table g : goal.tables()) {
            Table t = cur.table(g.name()).orElse(null);
            if (t == null || HistoryTable.sourceOf(goal, g).isPresent()) {
                continue; // a history table follows its source's renames below
            }
            List<Column> removed = t.columns().stream().filter(c -> g.column(c.name()).isEmpty()).toList();
            List<Column> added = new ArrayList<>(g.columns().stream().filter(c -> t.column(c.name()).isEmpty()).toList());
            for (Column r : removed) {
                for (Column a : List.copyOf(added)) {
                    if (r.sameDefinition(a) && Objects.equals(reference(t, r.name()), reference(g, a.name()))
                            && questioner.renameField(g.name(), r.name(), a.name())) {
                        RenameField op = new RenameField(g.name(), r.name(), a.name());
                        emit(appOf(g.name()), op);
                        renamed.add(op);
                        added.remove(a);
                        break;
                    }
                }
            }
        }
        mirrorHistoryRenames(renamed);
    }

    /**
     * What the column {@code column} alone references in {@code t} (table and columns), or null: a plain column
     * that comes back as a foreign key, or a key that comes back pointing elsewhere, is not a rename (its values
     * need not satisfy the new key). A new ON DELETE rule is: the values still satisfy the key, and the rule is
     * changed by replacing the constraint after the rename.
     */
    private static String reference(Table t, String column) {
        return t.foreignKeys().stream().filter(fk -> fk.columns().equals(List.of(column)))
                .map(fk -> fk.refTable() + fk.refColumns()).findFirst().orElse(null);
    }

    /** A tracked column renamed in its table is renamed in the history table too, keeping the versions' values. */
    private void mirrorHistoryRenames(List<RenameField> renamed) {
        for (RenameField r : renamed) {
            HistoryTable.historyOf(goal, r.table()).ifPresent(gh -> cur.table(gh.name()).ifPresent(h -> {
                if (h.column(r.from()).isPresent() && h.column(r.to()).isEmpty() && gh.column(r.to()).isPresent()
                        && gh.column(r.from()).isEmpty()) {
                    emit(appOf(h.name()), new RenameField(h.name(), r.from(), r.to()));
                }
            }));
        }
    }

    /**
     * Enum types whose labels change, before any table is created or column changed with the new labels (a type
     * has one set of labels in a state). A label gone from the same position where a new one appears may be a
     * rename, which the questioner confirms; a rename carries the rows' values.
     */
    private void enumTypes() {
        Map<String, List<String>> had = cur.enumTypes();
        goal.enumTypes().forEach((name, labels) -> {
            List<String> old = had.get(name);
            if (old == null || old.equals(labels)) {
                return;
            }
            Map<String, String> renames = new LinkedHashMap<>();
            for (int i = 0; i < old.size() && i < labels.size(); i++) {
                String r = old.get(i);
                String a = labels.get(i);
                if (!labels.contains(r) && !old.contains(a) && questioner.renameEnumLabel(name, r, a)) {
                    renames.put(r, a);
                }
            }
            String table = cur.columnsOfEnum(name).firstKey();
            emit(appOf(table), new AlterEnumType(name, old, labels, renames));
        });
    }

    private void removeKeysAndIndexes() {
        for (Table t : List.copyOf(cur.tables())) {
            Table g = goal.table(t.name()).orElse(null);
            if (g == null) {
                continue;
            }
            String app = appOf(t.name());
            for (ForeignKey f : t.foreignKeys()) {
                if (g.foreignKeys().stream().noneMatch(x -> sameKey(x, f))) {
                    emit(app, new RemoveConstraint(t.name(), f.name()));
                }
            }
            for (CheckConstraint c : t.checks()) {
                if (!g.checks().contains(c)) {
                    emit(app, new RemoveConstraint(t.name(), c.name()));
                }
            }
            for (Index i : t.indexes()) {
                if (!g.indexes().contains(i)) {
                    emit(app, new RemoveIndex(t.name(), i.name()));
                }
            }
            List<List<String>> kept = uniqueSets(t).stream().filter(uniqueSets(g)::contains).toList();
            if (kept.size() < t.uniques().size()) {
                emit(app, new AlterUniqueTogether(t.name(), kept));
            }
        }
    }

    /**
     * Foreign keys match on what they do, not on their names: a key keeps its name when its table is renamed,
     * and dropping and re-adding it only to rename it would lock and re-validate both tables.
     */
    private static boolean sameKey(ForeignKey a, ForeignKey b) {
        return a.columns().equals(b.columns()) && a.refTable().equals(b.refTable())
                && a.refColumns().equals(b.refColumns()) && a.onDelete() == b.onDelete();
    }

    private static List<List<String>> uniqueSets(Table t) {
        return t.uniques().stream().map(UniqueConstraint::columns).toList();
    }

    private void deleteModels() {
        List<String> gone = new ArrayList<>(cur.tableNames().stream().filter(n -> goal.table(n).isEmpty()).toList());
        while (!gone.isEmpty()) {
            String next = gone.stream().filter(n -> cur.referencing(n).stream().noneMatch(r -> gone.contains(r.name())))
                    .findFirst().orElse(gone.get(0));
            for (Table r : cur.referencing(next)) {
                for (ForeignKey f : r.foreignKeys()) {
                    if (f.refTable().equals(next)) {
                        emit(appOf(r.name()), new RemoveConstraint(r.name(), f.name()));
                    }
                }
            }
            emit(appOf(next), new DeleteModel(next));
            gone.remove(next);
        }
    }

    private void createModels() {
        List<String> todo = new ArrayList<>(goal.tableNames().stream().filter(n -> cur.table(n).isEmpty()).toList());
        Map<String, List<ForeignKey>> deferred = new LinkedHashMap<>();
        while (!todo.isEmpty()) {
            String next = todo.stream().filter(n -> goal.require(n).foreignKeys().stream()
                            .allMatch(f -> f.refTable().equals(n) || cur.table(f.refTable()).isPresent()))
                    .findFirst().orElse(todo.get(0));
            Table g = goal.require(next);
            List<ForeignKey> now = new ArrayList<>();
            for (ForeignKey f : g.foreignKeys()) {
                if (f.refTable().equals(next) || cur.table(f.refTable()).isPresent()) {
                    now.add(f);
                } else {
                    deferred.computeIfAbsent(next, k -> new ArrayList<>()).add(f);
                }
            }
            emit(target.appOf(next), new CreateModel(g.withForeignKeys(now)));
            todo.remove(next);
        }
        deferred.forEach((t, fks) -> fks.forEach(f -> emit(target.appOf(t), new AddConstraint(t, f))));
    }

    private void fields() {
        for (Table g : goal.tables()) {
            Table t = cur.require(g.name());
            String app = appOf(g.name());
            for (Column c : t.columns()) {
                if (g.column(c.name()).isEmpty()) {
                    emit(app, new RemoveField(g.name(), c.name()));
                }
            }
            for (Column c : g.columns()) {
                Column old = cur.require(g.name()).column(c.name()).orElse(null);
                if (old == null) {
                    ColumnDefault oneOff = null;
                    if (!c.nullable() && c.defaultValue() == null && !c.autoIncrement()) {
                        oneOff = questioner.oneOffDefault(g.name(), c);
                        if (oneOff == null) {
                            throw new MigrationException("cannot add NOT NULL column " + g.name() + "." + c.name()
                                    + " without a default: existing rows need a value. Give the field a default, make "
                                    + "it nullable, or run makemigrations interactively to provide a one-off value");
                        }
                    }
                    emit(app, new AddField(g.name(), c, oneOff));
                } else if (!Objects.equals(old, c)) {
                    emit(app, new AlterField(g.name(), c));
                }
            }
        }
    }

    private void addKeysAndIndexes() {
        for (Table g : goal.tables()) {
            Table t = cur.require(g.name());
            String app = appOf(g.name());
            if (!new HashSet<>(uniqueSets(t)).equals(new HashSet<>(uniqueSets(g)))) {
                emit(app, new AlterUniqueTogether(g.name(), uniqueSets(g)));
            }
            for (CheckConstraint c : g.checks()) {
                if (!cur.require(g.name()).checks().contains(c)) {
                    emit(app, new AddConstraint(g.name(), c));
                }
            }
            for (ForeignKey f : g.foreignKeys()) {
                if (cur.require(g.name()).foreignKeys().stream().noneMatch(x -> sameKey(x, f))) {
                    emit(app, new AddConstraint(g.name(), f));
                }
            }
            for (Index i : g.indexes()) {
                if (!cur.require(g.name()).indexes().contains(i)) {
                    emit(app, new AddIndex(g.name(), i));
                }
            }
        }
    }
}
