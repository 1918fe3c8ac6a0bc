package io.covet.observe.internal;

import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} items added, of immutable items; thread-safe. */
public final class Ring<T> {
    private final Object[] items;
    private int next;
    private long added;

    /** A ring holding at most {@code capacity} items. */
    public Ring(int capacity) {
        this.items = new Object[capacity];
    }

    /** Adds an item, dropping the oldest when full. */
    public synchronized void add(T item) {
        items[next] = item;
        next = (next + 1) % items.length;
        added++;
    }

    /** The items, newest first. */
    @SuppressWarnings("unchecked")
    public synchronized List<T> newestFirst() {
        int n = (int) Math.min(added, items.length);
        List<T> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add((T) items[(next - i + items.length) % items.length]);
        }
        return out;
    }

    /** How many items were ever added. */
    public synchronized long added() {
        return added;
    }
}
