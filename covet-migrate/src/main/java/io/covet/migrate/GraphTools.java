package io.covet.migrate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Merge migrations for parallel branches, and squashing a range of migrations into one that replaces them. */
public final class GraphTools {
    private GraphTools() {
    }

    /**
     * A migration with no operations that depends on every leaf of the app, joining parallel branches.
     *
     * @throws MigrationException when the app has fewer than two leaves
     */
    public static Migration merge(MigrationGraph graph, String app) {
        List<MigrationKey> leaves = graph.leaves(app);
        if (leaves.size() < 2) {
            throw new MigrationException("app " + app + " has " + leaves.size() + " leaf migration(s); there is nothing "
                    + "to merge");
        }
        int max = 0;
        StringBuilder name = new StringBuilder();
        for (MigrationKey k : graph.order().stream().map(Migration::key).filter(k -> k.app().equals(app)).toList()) {
            if (k.name().matches("\\d{4}_.*")) {
                max = Math.max(max, Integer.parseInt(k.name().substring(0, 4)));
            }
        }
        for (MigrationKey l : leaves) {
            name.append('_').append(l.name().length() >= 4 ? l.name().substring(0, 4) : l.name());
        }
        return new Migration(new MigrationKey(app, String.format("%04d_merge", max + 1) + name), leaves, List.of());
    }

    /**
     * One migration replacing the app's migrations from {@code fromName} to {@code toName} (inclusive, graph
     * order), with its operations {@linkplain #squash(MigrationGraph, String, String, String, boolean) optimised}.
     *
     * @throws MigrationException when a name is unknown or the range is empty
     */
    public static Migration squash(MigrationGraph graph, String app, String fromName, String toName) {
        return squash(graph, app, fromName, toName, true);
    }

    /**
     * One migration replacing the app's migrations from {@code fromName} to {@code toName} (inclusive, graph
     * order): their operations, the dependencies they have outside the range, and {@code replaces} listing them.
     * The originals can be deleted once every database has applied the squashed migration.
     *
     * <p>With {@code optimize}, operations are combined where that cannot change the result (a created table
     * absorbs later changes to it, an added-then-removed column disappears; never across RunSQL, RunJava or
     * SeparateDatabaseAndState); the shortened list is kept only if it yields the same schema as the original
     * from the state the range starts at.
     *
     * @throws MigrationException when a name is unknown or the range is empty
     */
    public static Migration squash(MigrationGraph graph, String app, String fromName, String toName,
                                   boolean optimize) {
        MigrationKey from = new MigrationKey(app, fromName);
        MigrationKey to = new MigrationKey(app, toName);
        graph.require(from);
        graph.require(to);
        List<Migration> range = new ArrayList<>();
        boolean in = false;
        for (Migration m : graph.order()) {
            if (!m.app().equals(app)) {
                continue;
            }
            in = in || m.key().equals(from);
            if (in) {
                range.add(m);
            }
            if (m.key().equals(to)) {
                break;
            }
        }
        if (range.isEmpty() || !range.get(range.size() - 1).key().equals(to)) {
            throw new MigrationException(fromName + " does not come before " + toName + " in app " + app);
        }
        Set<MigrationKey> keys = new LinkedHashSet<>();
        range.forEach(m -> keys.add(m.key()));
        Set<MigrationKey> deps = new LinkedHashSet<>();
        List<Operation> ops = new ArrayList<>();
        for (Migration m : range) {
            m.dependencies().stream().filter(d -> !keys.contains(d)).forEach(deps::add);
            ops.addAll(m.operations());
        }
        if (optimize) {
            ops = optimized(graph, app, range, deps, ops);
        }
        String name = fromName + "_squashed_" + (toName.length() >= 4 ? toName.substring(0, 4) : toName);
        boolean atomic = range.stream().allMatch(Migration::atomic);
        return new Migration(new MigrationKey(app, name), List.copyOf(deps), ops, List.copyOf(keys), atomic);
    }

    private static List<Operation> optimized(MigrationGraph graph, String app, List<Migration> range,
                                             Set<MigrationKey> deps, List<Operation> ops) {
        List<Operation> shorter = Optimizer.optimize(ops);
        if (shorter.size() == ops.size()) {
            return ops;
        }
        Set<MigrationKey> before = new java.util.HashSet<>(deps);
        deps.forEach(d -> before.addAll(graph.ancestors(d)));
        try {
            ProjectState base = graph.state(before::contains);
            ProjectState original = base;
            ProjectState optimised = base;
            for (Operation o : ops) {
                original = original.apply(app, o);
            }
            for (Operation o : shorter) {
                optimised = optimised.apply(app, o);
            }
            return original.schema().equals(optimised.schema()) ? shorter : ops;
        } catch (IllegalArgumentException | MigrationException e) {
            return ops;
        }
    }
}
