package io.covet.migrate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The migrations and their dependencies (across apps) as a directed acyclic graph. Squashed migrations stand for
 * the ones they replace when those are all applied or none is; otherwise the originals are used.
 */
public final class MigrationGraph {
    private final Map<MigrationKey, Migration> nodes = new TreeMap<>();
    private final Map<MigrationKey, Set<MigrationKey>> children = new TreeMap<>();
    private final List<Migration> order;

    /**
     * @param migrations every migration on disk
     * @param applied    the applied ones (decides which side of a squash is used)
     * @throws MigrationException for a missing dependency or a cycle, naming them
     */
    public MigrationGraph(Collection<Migration> migrations, Set<MigrationKey> applied) {
        Map<MigrationKey, Migration> all = new TreeMap<>();
        for (Migration m : migrations) {
            if (all.put(m.key(), m) != null) {
                throw new MigrationException("two migrations are named " + m.key());
            }
        }
        Map<MigrationKey, MigrationKey> replacedBy = new TreeMap<>();
        for (Migration m : all.values()) {
            if (m.replaces().isEmpty()) {
                continue;
            }
            long done = m.replaces().stream().filter(applied::contains).count();
            boolean originalsPresent = m.replaces().stream().allMatch(all::containsKey);
            if (done == 0 || done == m.replaces().size() || !originalsPresent) {
                m.replaces().forEach(r -> replacedBy.put(r, m.key()));
            } else {
                replacedBy.put(m.key(), null);
            }
        }
        for (Migration m : all.values()) {
            if (!replacedBy.containsKey(m.key())) {
                List<MigrationKey> deps = new ArrayList<>(new LinkedHashSet<>(m.dependencies().stream()
                        .map(d -> replacedBy.getOrDefault(d, d)).filter(d -> !d.equals(m.key())).toList()));
                nodes.put(m.key(), new Migration(m.key(), deps, m.operations(), m.replaces(), m.atomic()));
            }
        }
        for (Migration m : nodes.values()) {
            children.computeIfAbsent(m.key(), k -> new TreeSet<>());
            for (MigrationKey d : m.dependencies()) {
                if (!nodes.containsKey(d)) {
                    throw new MigrationException("migration " + m.key() + " depends on " + d
                            + ", which does not exist; fix its \"dependencies\" or restore the missing file");
                }
                children.computeIfAbsent(d, k -> new TreeSet<>()).add(m.key());
            }
        }
        this.order = topological();
    }

    private List<Migration> topological() {
        Map<MigrationKey, Integer> indegree = new TreeMap<>();
        nodes.values().forEach(m -> indegree.put(m.key(), m.dependencies().size()));
        TreeSet<MigrationKey> ready = new TreeSet<>();
        indegree.forEach((k, v) -> {
            if (v == 0) {
                ready.add(k);
            }
        });
        List<Migration> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            MigrationKey k = ready.pollFirst();
            out.add(nodes.get(k));
            for (MigrationKey c : children.get(k)) {
                if (indegree.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (out.size() != nodes.size()) {
            Set<MigrationKey> stuck = new TreeSet<>(nodes.keySet());
            out.forEach(m -> stuck.remove(m.key()));
            throw new MigrationException("the migration dependencies form a cycle through " + stuck
                    + "; remove one of the dependencies");
        }
        return out;
    }

    /** Every migration in a dependency-respecting, deterministic order. */
    public List<Migration> order() {
        return order;
    }

    /** The migration of that key, or an error listing the app's migrations. */
    public Migration require(MigrationKey key) {
        Migration m = nodes.get(key);
        if (m == null) {
            throw new MigrationException("there is no migration " + key + "; known in " + key.app() + ": "
                    + nodes.keySet().stream().filter(k -> k.app().equals(key.app())).toList());
        }
        return m;
    }

    /** Whether the graph has this migration. */
    public boolean contains(MigrationKey key) {
        return nodes.containsKey(key);
    }

    /** The apps with migrations, sorted. */
    public Set<String> apps() {
        Set<String> s = new TreeSet<>();
        nodes.keySet().forEach(k -> s.add(k.app()));
        return s;
    }

    /** The migrations of an app that no other migration of the same app depends on. */
    public List<MigrationKey> leaves(String app) {
        List<MigrationKey> out = new ArrayList<>();
        for (MigrationKey k : nodes.keySet()) {
            if (k.app().equals(app) && children.get(k).stream().noneMatch(c -> c.app().equals(app))) {
                out.add(k);
            }
        }
        return out;
    }

    /** Apps with more than one leaf (parallel branches to merge), with their leaves. */
    public Map<String, List<MigrationKey>> conflicts() {
        Map<String, List<MigrationKey>> out = new TreeMap<>();
        for (String app : apps()) {
            List<MigrationKey> l = leaves(app);
            if (l.size() > 1) {
                out.put(app, l);
            }
        }
        return out;
    }

    /** The migrations that depend directly on this one. */
    public Set<MigrationKey> children(MigrationKey key) {
        require(key);
        return java.util.Collections.unmodifiableSet(children.get(key));
    }

    /** The migration and everything it depends on, transitively. */
    public Set<MigrationKey> ancestors(MigrationKey key) {
        Set<MigrationKey> out = new HashSet<>();
        walk(key, k -> nodes.get(k).dependencies(), out);
        return out;
    }

    /** The migration and everything that depends on it, transitively. */
    public Set<MigrationKey> descendants(MigrationKey key) {
        Set<MigrationKey> out = new HashSet<>();
        walk(key, children::get, out);
        return out;
    }

    private void walk(MigrationKey start, java.util.function.Function<MigrationKey, Collection<MigrationKey>> next,
                      Set<MigrationKey> seen) {
        require(start);
        List<MigrationKey> stack = new ArrayList<>(List.of(start));
        while (!stack.isEmpty()) {
            MigrationKey k = stack.remove(stack.size() - 1);
            if (seen.add(k)) {
                stack.addAll(next.apply(k));
            }
        }
    }

    /** The state after the migrations {@code include} accepts, applied in graph order. */
    public ProjectState state(Predicate<MigrationKey> include) {
        ProjectState s = ProjectState.empty();
        for (Migration m : order) {
            if (include.test(m.key())) {
                for (Operation op : m.operations()) {
                    try {
                        s = s.apply(m.app(), op);
                    } catch (IllegalArgumentException e) {
                        throw new MigrationException("migration " + m.key() + " does not fit the state before it: "
                                + op.describe() + ": " + e.getMessage());
                    }
                }
            }
        }
        return s;
    }
}
