package io.covet.observe.internal;

import io.covet.core.pipeline.StatementContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shapes of one database, bounded: the first {@code maxTagged} distinct shapes are tagged on the metrics,
 * the first {@code maxShapes} are tracked one by one, and every later new shape is counted in the single
 * {@code other} entry. A second map from the exact statement text to its entry spares the fingerprint (which
 * normalises the text) for statements seen before; it is bounded too (four entries per tracked shape: the texts of
 * one shape may differ, e.g. in the length of an IN list), and a text it has no room for is fingerprinted each
 * time.
 */
public final class ShapeTable {
    /** The fingerprint of the entry that collects the shapes beyond the maximum. */
    public static final String OTHER = "other";

    private final int maxTagged;
    private final int maxShapes;
    private final int maxTexts;
    private final ConcurrentHashMap<String, ShapeEntry> byFingerprint = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ShapeEntry> byText = new ConcurrentHashMap<>();
    private final AtomicInteger tracked = new AtomicInteger();
    private final ShapeEntry other = new ShapeEntry(OTHER, "", "OTHER", List.of(), false);
    private volatile boolean otherUsed;

    /**
     * @param maxTagged shapes with a metric tag of their own
     * @param maxShapes shapes tracked one by one (at least {@code maxTagged})
     */
    public ShapeTable(int maxTagged, int maxShapes) {
        this.maxTagged = maxTagged;
        this.maxShapes = maxShapes;
        this.maxTexts = maxShapes * 4;
    }

    /** The entry of a statement, created on first sight. */
    public ShapeEntry lookup(StatementContext context) {
        ShapeEntry e = byText.get(context.sql() == null ? "" : context.sql());
        if (e != null) {
            return e;
        }
        return lookup(context.sql(), t -> context.fingerprint(), () -> context.operation().name(), context.tables());
    }

    /**
     * The entry of a statement, created on first sight.
     *
     * @param sql         the statement text
     * @param fingerprint computes the fingerprint of the text (only called for a text not seen before)
     * @param operation   the operation's name, asked for a new entry
     * @param tables      the tables, for a new entry
     */
    public ShapeEntry lookup(String sql, Function<String, String> fingerprint, Supplier<String> operation,
                             List<String> tables) {
        String key = sql == null ? "" : sql;
        ShapeEntry e = byText.get(key);
        if (e != null) {
            return e;
        }
        String fp = fingerprint.apply(key);
        e = byFingerprint.get(fp);
        if (e == null) {
            e = create(fp, key, operation.get(), tables);
        }
        if (e != other && byText.size() < maxTexts) {
            byText.putIfAbsent(key, e);
        }
        return e;
    }

    private ShapeEntry create(String fp, String sql, String operation, List<String> tables) {
        int n = tracked.incrementAndGet();
        if (n > maxShapes) {
            tracked.decrementAndGet();
            otherUsed = true;
            return other;
        }
        ShapeEntry fresh = new ShapeEntry(fp, SafeText.of(sql), operation, tables, n <= maxTagged);
        ShapeEntry raced = byFingerprint.putIfAbsent(fp, fresh);
        if (raced != null) {
            tracked.decrementAndGet();
            return raced;
        }
        return fresh;
    }

    /** The tracked entries, then {@code other} when anything was folded into it. */
    public List<ShapeEntry> entries() {
        List<ShapeEntry> out = new ArrayList<>(byFingerprint.values());
        if (otherUsed) {
            out.add(other);
        }
        return out;
    }

    /** The entry of a fingerprint ({@code other} included), if tracked. */
    public ShapeEntry get(String fingerprint) {
        if (OTHER.equals(fingerprint)) {
            return otherUsed ? other : null;
        }
        return byFingerprint.get(fingerprint);
    }

    /** Tracked shapes, {@code other} not counted. */
    public int size() {
        return byFingerprint.size();
    }

    /** Texts remembered for a fast lookup. */
    public int texts() {
        return byText.size();
    }

    /**
     * Zeroes every entry's numbers. Entries keep their identity and their tag, so meters already registered for a
     * shape keep being fed, and the number of tagged shapes never grows past the maximum through resets.
     */
    public void reset() {
        for (Map.Entry<String, ShapeEntry> e : byFingerprint.entrySet()) {
            e.getValue().clear();
        }
        other.clear();
    }
}
