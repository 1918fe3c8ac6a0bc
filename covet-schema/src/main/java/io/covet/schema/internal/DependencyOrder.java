package io.covet.schema.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders objects so that each comes after every object it depends on (a topological sort, as pg_dump's
 * {@code pg_dump_sort.c} does over {@code pg_depend}); among the objects free to go next, the one with the lowest
 * priority, then the smallest name, goes first, so the order is the same on every run and, without dependencies,
 * groups objects by kind. A cycle is refused with the objects in it named.
 *
 * @param <K> the objects' keys
 */
public final class DependencyOrder<K> {
    private record Node<K>(K key, int priority, String name, int seq) {
    }

    private final Map<K, Node<K>> nodes = new LinkedHashMap<>();
    private final Map<K, Set<K>> dependencies = new HashMap<>();

    /** Adds an object; {@code name} is used to break ties and in messages. */
    public void add(K key, int priority, String name) {
        nodes.put(key, new Node<>(key, priority, name, nodes.size()));
        dependencies.computeIfAbsent(key, k -> new LinkedHashSet<>());
    }

    /** Whether the object was added. */
    public boolean contains(K key) {
        return nodes.containsKey(key);
    }

    /**
     * Records that {@code dependent} must come after {@code dependency}; ignored when either was not added or
     * both are the same object.
     */
    public void dependsOn(K dependent, K dependency) {
        if (nodes.containsKey(dependent) && nodes.containsKey(dependency) && !dependent.equals(dependency)) {
            dependencies.get(dependent).add(dependency);
        }
    }

    /** What {@code key} depends on directly, among the objects added. */
    public Set<K> dependenciesOf(K key) {
        return dependencies.getOrDefault(key, Set.of());
    }

    /**
     * Every object, each after those it depends on.
     *
     * @throws IllegalStateException naming the objects of a dependency cycle
     */
    public List<K> sorted() {
        Map<K, Integer> waiting = new HashMap<>();
        Map<K, List<K>> dependents = new HashMap<>();
        for (Map.Entry<K, Set<K>> e : dependencies.entrySet()) {
            waiting.put(e.getKey(), e.getValue().size());
            for (K d : e.getValue()) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        PriorityQueue<Node<K>> ready = new PriorityQueue<>(Comparator.<Node<K>>comparingInt(Node::priority)
                .thenComparing(Node::name).thenComparingInt(Node::seq));
        for (Node<K> n : nodes.values()) {
            if (waiting.get(n.key()) == 0) {
                ready.add(n);
            }
        }
        List<K> out = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node<K> n = ready.poll();
            out.add(n.key());
            for (K d : dependents.getOrDefault(n.key(), List.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0) {
                    ready.add(nodes.get(d));
                }
            }
        }
        if (out.size() < nodes.size()) {
            Set<K> left = new LinkedHashSet<>(nodes.keySet());
            out.forEach(left::remove);
            throw new IllegalStateException("these objects depend on each other in a cycle, so no order creates "
                    + "them: " + String.join(" -> ", cycle(left).stream().map(k -> nodes.get(k).name()).toList()));
        }
        return out;
    }

    /** One cycle among {@code left} (every object there waits on another one there), closed on its first object. */
    private List<K> cycle(Set<K> left) {
        List<K> path = new ArrayList<>();
        Set<K> onPath = new HashSet<>();
        K at = left.iterator().next();
        while (onPath.add(at)) {
            path.add(at);
            at = dependencies.get(at).stream().filter(left::contains).findFirst().orElseThrow();
        }
        List<K> out = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        out.add(at);
        return out;
    }
}
