package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.error.UnsupportedFeature;
import io.covet.orm.Audit;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.HistoryMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.schema.HistoryWrites;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Application-level history capture ({@code @History(capture = APPLICATION)}): after the ORM inserts or updates rows
 * of such a model, and before it deletes them, it writes their versions itself, set-based by key
 * ({@link HistoryWrites}), on the write's connection and in its transaction. Each write path calls one of
 * {@link #inserted}, {@link #updated} or {@link #deleting} with the keys it wrote (or is about to delete); they do
 * nothing for other models. Statements run as the history's own writes ({@link #owned}), which the raw-write policy
 * lets through.
 */
public final class AppHistory {
    /** Keys per statement: below every engine's parameter limit for a key of a few columns. */
    private static final int KEYS_PER_STATEMENT = 500;
    private static final ThreadLocal<int[]> OWNED = ThreadLocal.withInitial(() -> new int[1]);
    /** {@link #owning()}, one instance, as the owner a database's write guard knows. */
    public static final java.util.function.BooleanSupplier OWNER = AppHistory::owning;

    private AppHistory() {
    }

    /** Whether the ORM writes {@code type}'s history itself. */
    public static boolean captured(ModelType<?> type) {
        HistoryMeta h = type == null ? null : type.meta().history();
        return h != null && h.capture() == History.Capture.APPLICATION;
    }

    /** Whether the calling thread is inside an ORM write of an application-captured model ({@link #owned}). */
    public static boolean owning() {
        return OWNED.get()[0] > 0;
    }

    /** Runs {@code work} as the ORM's own write: the raw-write policy does not apply to its statements. */
    public static <R> R owned(Supplier<R> work) {
        int[] depth = OWNED.get();
        depth[0]++;
        try {
            return work.get();
        } finally {
            depth[0]--;
        }
    }

    /**
     * Protects the tables of the application-captured models among {@code types} on {@code db}: writes to them that
     * do not come from the ORM follow the database's raw-write policy ({@code Database.protectWrites}).
     */
    public static void protect(Database db, java.util.Collection<ModelType<?>> types) {
        // a loop, not a stream: this runs at every Orm build, where each lambda's first use is a bootstrap
        List<String> tables = new ArrayList<>();
        for (ModelType<?> t : types) {
            if (captured(t)) {
                tables.add(t.meta().table());
            }
        }
        if (!tables.isEmpty()) {
            db.protectWrites(List.copyOf(tables), OWNER);
        }
    }

    /** The key of a saved instance, as bound (one value per key column). */
    static List<Object> key(ModelType<?> type, Entity e) {
        List<Object> k = new ArrayList<>();
        for (int i : type.meta().primaryKeyIndexes()) {
            k.add(Writer.bound(type.meta().fields().get(i), Writer.columnValue(type, e, i)));
        }
        return k;
    }

    /** The keys of saved instances. */
    static List<List<Object>> keys(ModelType<?> type, List<? extends Entity> es) {
        return es.stream().map(e -> key(type, e)).toList();
    }

    /** Single-column key values as keys. */
    static List<List<Object>> single(List<?> values) {
        return values.stream().map(v -> List.<Object>of(v)).toList();
    }

    /** Records {@code +} versions of rows just inserted. */
    static void inserted(Database db, ModelType<?> type, List<List<Object>> keys) {
        write(db, type, keys, '+');
    }

    /** Records {@code ~} versions of rows just updated (none for a row whose tracked values did not change). */
    static void updated(Database db, ModelType<?> type, List<List<Object>> keys) {
        write(db, type, keys, '~');
    }

    /** Records {@code -} versions of rows about to be deleted (call before the DELETE, in its transaction). */
    static void deleting(Database db, ModelType<?> type, List<List<Object>> keys) {
        write(db, type, keys, '-');
    }

    /**
     * {@code QuerySet.update()} of an application-captured model, in one transaction: reads the matching keys
     * (locking the rows where the engine has row locks), updates those rows by key, then records their versions.
     */
    static <T extends Entity> int update(OrmRuntime orm, QuerySpec<T> q, Database d,
                                         io.covet.sql.Assignment... assignments) {
        List<io.covet.sql.Column<?>> key = Keys.columns(q.type(), q.type().table());
        return d.atomic(tx -> {
            QuerySpec<T> keysOf = q.withOrder(List.of());
            if (d.supports(io.covet.core.dialect.Feature.ROW_LOCKS)) {
                keysOf = keysOf.withForUpdate(true);
            }
            List<List<Object>> rows = QueryReads.valuesList(orm, keysOf, List.<io.covet.sql.Field<?>>copyOf(key));
            int n = 0;
            for (int from = 0; from < rows.size(); from += KEYS_PER_STATEMENT) {
                List<List<Object>> chunk = rows.subList(from, Math.min(rows.size(), from + KEYS_PER_STATEMENT));
                if (key.size() == 1) {
                    n += io.covet.sql.Sql.update(q.type().table()).set(assignments).where(Relations.in(key.get(0),
                            chunk.stream().map(r -> r.get(0)).toList())).execute(d);
                    continue;
                }
                List<io.covet.sql.Condition> match = new ArrayList<>();
                for (List<Object> row : chunk) {
                    io.covet.sql.Condition c = io.covet.sql.Sql.noCondition();
                    for (int k = 0; k < key.size(); k++) {
                        c = c.and(Relations.eq(key.get(k), row.get(k)));
                    }
                    match.add(c);
                }
                n += io.covet.sql.Sql.update(q.type().table()).set(assignments)
                        .where(io.covet.sql.Sql.or(match.toArray(io.covet.sql.Condition[]::new))).execute(d);
            }
            updated(d, q.type(), rows);
            return n;
        });
    }

    /**
     * Runs {@code update} (an UPDATE of an application-captured model's table by key) together with the versions of
     * the rows it updates, as one statement, where the engine can ({@link HistoryWrites#updateWithVersions}), and
     * returns its row count; null, having run nothing, where the model is not captured or the engine cannot (the
     * caller then runs the UPDATE and {@link #updated}). Call inside the write's transaction.
     */
    static Integer updateWithVersions(Database db, ModelType<?> type, io.covet.sql.Update update) {
        if (!captured(type)) {
            return null;
        }
        io.covet.schema.HistoryTarget t = target(type, db);
        io.covet.sql.RenderedSql u = update.render(db.dialect());
        Audit.Actor actor = Audit.current().orElse(new Audit.Actor(null, null));
        String changeset = Audit.currentChangeset().orElse(null);
        Shape shape = Shape.withUpdate(db, t, u.sql(), u.params().size(), changeset != null);
        if (shape == null) {
            return null;
        }
        HistoryWrites.Statement st = shape.bind(t, List.of(), u.params(), actor.user(), actor.reason(), changeset);
        return owned(() -> ((Number) db.sql(st.sql(), st.parameters()).tables(List.of(t.source(), t.history()))
                .list(rs -> rs.getObject(1)).get(0)).intValue());
    }

    /**
     * Whether {@code sql} is one of the statements of {@link #updateWithVersions}: it writes rows though it is run
     * as a query and begins with {@code WITH} (so that counters of writes, such as {@code AutoSeal}, count it).
     */
    public static boolean writesRows(String sql) {
        return sql != null && sql.startsWith("WITH u AS (") && Shape.FOLDED.contains(sql);
    }

    private static void write(Database db, ModelType<?> type, List<List<Object>> keys, char change) {
        if (!captured(type) || keys.isEmpty()) {
            return;
        }
        io.covet.schema.HistoryTarget t = target(type, db);
        Audit.Actor actor = Audit.current().orElse(new Audit.Actor(null, null));
        String changeset = Audit.currentChangeset().orElse(null);
        List<String> tables = List.of(t.source(), t.history());
        // callers write inside a transaction already; one is begun (never a savepoint) only when they do not
        Supplier<Void> run = () -> {
            for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
                List<List<Object>> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
                HistoryWrites.Statement st = Shape.of(db, t, change, chunk.size(), changeset != null)
                        .bind(t, chunk, List.of(), actor.user(), actor.reason(), changeset);
                db.sql(st.sql(), st.parameters()).tables(tables).execute();
            }
            return null;
        };
        owned(() -> db.currentTransaction().isPresent() ? run.get() : db.atomic(tx -> run.get()));
    }

    /**
     * The rendered {@link HistoryWrites#versions} statement for one model, change type and number of keys, with
     * its parameters as slots: the SQL text does not depend on the values (every value is bound), only on whether
     * a changeset is known, so a save renders it once instead of on every write (rendering was a large share of
     * the JVM time of a recorded save). Rendered with marker values and bound by replacing them; cached by engine
     * and target (tables and columns), which is all the text depends on.
     */
    private record Shape(String sql, List<Object> slots) {
        // distinct instances, recognised by identity
        @SuppressWarnings("StringOperationCanBeSimplified")
        private static final String USER = new String("user");
        @SuppressWarnings("StringOperationCanBeSimplified")
        private static final String REASON = new String("reason");
        @SuppressWarnings("StringOperationCanBeSimplified")
        private static final String CHANGESET = new String("changeset");
        /** Shapes of few keys only (saves and small batches): larger ones vary and their rendering is amortised. */
        private static final int CACHED_KEYS = 16;
        /** Bounds the cache where models are many or updates set many different column sets. */
        private static final int MAX_CACHED = 4_096;
        private static final java.util.Map<List<Object>, Shape> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
        /** The SQL of the cached {@link #withUpdate} shapes. */
        static final java.util.Set<String> FOLDED = java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** Key {@code key}'s value for key column {@code column}; the update's parameter {@code column} if key is -1. */
        private record Slot(int key, int column) {
        }

        /** Of {@link HistoryWrites#updateWithVersions} with an UPDATE of that text; null where the engine has none. */
        static Shape withUpdate(Database db, io.covet.schema.HistoryTarget t, String update, int parameters,
                                boolean changeset) {
            List<Object> key = List.of(db.dialect().engine(), t, update, changeset);
            Shape cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            List<Object> slots = new ArrayList<>();
            for (int i = 0; i < parameters; i++) {
                slots.add(new Slot(-1, i));
            }
            Shape s = HistoryWrites.of(db.dialect()).updateWithVersions(t, update, slots, USER, REASON,
                    changeset ? CHANGESET : null).map(st -> new Shape(st.sql(), st.parameters())).orElse(null);
            if (s == null || CACHE.size() >= MAX_CACHED) {
                // uncached, it would not be recognised by writesRows: the caller runs the UPDATE and the versions
                return null;
            }
            CACHE.put(key, s);
            FOLDED.add(s.sql());
            return s;
        }

        static Shape of(Database db, io.covet.schema.HistoryTarget t, char change, int keys, boolean changeset) {
            if (keys > CACHED_KEYS) {
                return render(db, t, change, keys, changeset);
            }
            List<Object> key = List.of(db.dialect().engine(), t, change, keys, changeset);
            Shape cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            Shape s = render(db, t, change, keys, changeset);
            if (CACHE.size() < MAX_CACHED) {
                CACHE.put(key, s);
            }
            return s;
        }

        private static Shape render(Database db, io.covet.schema.HistoryTarget t, char change, int n,
                                    boolean changeset) {
            List<List<Object>> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Object> key = new ArrayList<>();
                for (int c = 0; c < t.keys().size(); c++) {
                    key.add(new Slot(i, c));
                }
                keys.add(key);
            }
            HistoryWrites.Statement st = HistoryWrites.of(db.dialect()).versions(t, change, keys, USER, REASON,
                    changeset ? CHANGESET : null, true);
            return new Shape(st.sql(), st.parameters());
        }

        HistoryWrites.Statement bind(io.covet.schema.HistoryTarget t, List<List<Object>> keys, List<Object> update,
                                     String user, String reason, String changeset) {
            for (List<Object> key : keys) {
                if (key.size() != t.keys().size()) {
                    throw new IllegalArgumentException("a key of " + t.source() + " has " + t.keys().size()
                            + " columns, not " + key.size());
                }
            }
            List<Object> values = new ArrayList<>(slots.size());
            for (Object s : slots) {
                values.add(s == USER ? user : s == REASON ? reason : s == CHANGESET ? changeset
                        : s instanceof Slot k ? (k.key() < 0 ? update : keys.get(k.key())).get(k.column()) : s);
            }
            return new HistoryWrites.Statement(sql, values);
        }
    }

    private static io.covet.schema.HistoryTarget target(ModelType<?> type, Database db) {
        ModelMeta m = type.meta();
        if (m.multiTable()) {
            throw new UnsupportedFeature(db.engine(), "application-level history of a multi-table inheritance "
                    + "model (" + m.simpleName() + ")", "use @History(capture = TRIGGERS) on this model");
        }
        List<String> keys = new ArrayList<>();
        List<String> tracked = new ArrayList<>();
        for (FieldMeta f : m.fields()) {
            if (f.primaryKey()) {
                keys.add(f.column());
            }
            if (!m.history().excluded().contains(f.name())) {
                tracked.add(f.column());
            }
        }
        return new io.covet.schema.HistoryTarget(m.table(), m.history().table(), keys, tracked);
    }
}
