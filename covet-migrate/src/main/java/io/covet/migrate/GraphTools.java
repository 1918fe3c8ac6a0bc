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
     * order): their operations in order, the dependencies they have outside the range, and {@code replaces}
     * listing them. The originals can be deleted once every database has applied the squashed migration.
     *
     * @throws MigrationException when a name is unknown or the range is empty
     */
    public static Migration squash(MigrationGraph graph, String app, String fromName, String toName) {
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
        String name = fromName + "_squashed_" + (toName.length() >= 4 ? toName.substring(0, 4) : toName);
        boolean atomic = range.stream().allMatch(Migration::atomic);
        return new Migration(new MigrationKey(app, name), List.copyOf(deps), ops, List.copyOf(keys), atomic);
    }
}
