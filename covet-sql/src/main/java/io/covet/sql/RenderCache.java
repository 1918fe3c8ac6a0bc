package io.covet.sql;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.dialect.Feature;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rendered SQL text by query shape, so that building the same query with other values skips writing SQL.
 *
 * <p>The key is exact, never a hash alone: the engine profile plus the query tree itself, compared by structural
 * equality in which only {@link Param} values are ignored. A hit therefore has, by construction, the same text.
 * Keys are stored without values ({@link Shapes#strip}) so the cache never keeps user data alive. On a hit the
 * query is rendered again in dry mode, which writes no text and only collects the values in order.
 *
 * <p>Bounded: when it holds {@code io.covet.sql.renderCache.size} shapes (default 4096; 0 disables it) it is
 * cleared and refilled, which is cheap and keeps a flood of one-off shapes from growing the heap.
 */
final class RenderCache {
    static final int MAX = Integer.getInteger("io.covet.sql.renderCache.size", 4096);

    private static final ConcurrentHashMap<Key, Rendered> TEXTS = new ConcurrentHashMap<>();
    private static final LongAdder HITS = new LongAdder();
    private static final LongAdder MISSES = new LongAdder();
    private static volatile Memo last = new Memo(null, null);

    private RenderCache() {
    }

    /** What rendering depends on besides the tree: the engine and the features of its version. */
    static final class Profile {
        private final Engine engine;
        private final Set<Feature> features;
        private final int hash;

        Profile(Engine engine, Set<Feature> features) {
            this.engine = engine;
            this.features = Set.copyOf(features);
            this.hash = engine.hashCode() * 31 + this.features.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o == this || (o instanceof Profile p && p.hash == hash && p.engine == engine
                    && p.features.equals(features));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Memo(Dialect dialect, Profile profile) {
    }

    private record Key(Profile profile, Node shape) {
    }

    /** The cached text of a shape and the tables it names, which depend on the shape only. */
    private record Rendered(String text, List<String> tables) {
    }

    static RenderedSql render(Node root, Dialect dialect) {
        if (MAX <= 0) {
            Ctx ctx = Ctx.full(dialect);
            root.render(ctx);
            return new RenderedSql(ctx.text(), Collections.unmodifiableList(ctx.params()), ctx.tables());
        }
        Key key = new Key(profile(dialect), root);
        Rendered cached = TEXTS.get(key);
        if (cached != null) {
            HITS.increment();
            Ctx ctx = Ctx.dry(dialect);
            root.render(ctx);
            return new RenderedSql(cached.text(), Collections.unmodifiableList(ctx.params()), cached.tables());
        }
        MISSES.increment();
        Ctx ctx = Ctx.full(dialect);
        root.render(ctx);
        String text = ctx.text();
        List<String> tables = ctx.tables();
        if (TEXTS.size() >= MAX) {
            TEXTS.clear();
        }
        TEXTS.put(new Key(key.profile, (Node) Shapes.strip(root)), new Rendered(text, tables));
        return new RenderedSql(text, Collections.unmodifiableList(ctx.params()), tables);
    }

    private static Profile profile(Dialect dialect) {
        Memo m = last;
        if (m.dialect == dialect) {
            return m.profile;
        }
        Profile p = new Profile(dialect.engine(), dialect.server().features());
        last = new Memo(dialect, p);
        return p;
    }

    /** Hits and misses since start (or the last {@link #reset()}), for tests and diagnostics. */
    static List<Long> stats() {
        return List.of(HITS.sum(), MISSES.sum(), (long) TEXTS.size());
    }

    static void reset() {
        TEXTS.clear();
        HITS.reset();
        MISSES.reset();
    }
}
