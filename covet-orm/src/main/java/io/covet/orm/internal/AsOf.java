package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Version;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.HistoryMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Select;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a {@code @History} model as they were at an instant: a subquery over its history table, under the
 * model table's name so that every filter and ordering of the query applies unchanged. A version is visible at
 * {@code t} when {@code valid_from <= t} and it had not ended ({@code valid_to} null or after {@code t}) and it is
 * not a deletion. Excluded fields read as SQL NULL.
 */
public final class AsOf {
    private AsOf() {
    }

    private static HistoryMeta history(ModelMeta m) {
        HistoryMeta h = m.history();
        if (h == null) {
            throw new OrmUsageException(m.simpleName() + " has no @History, so there is no state of the past to read; "
                    + "annotate the model with @History and migrate (history starts then)");
        }
        return h;
    }

    /** The versions of the row with {@code instance}'s primary key, oldest first. */
    public static <T extends Entity> List<Version<T>> versions(OrmRuntime orm, T instance) {
        ModelType<T> type = orm.typeOf(instance);
        ModelMeta m = type.meta();
        HistoryMeta h = history(m);
        if (SystemTimeReads.versioned(m)) {
            return SystemTimeReads.versions(orm, instance);
        }
        Table ht = Sql.table(h.table());
        Condition key = Sql.noCondition();
        for (int i : m.primaryKeyIndexes()) {
            Object v = type.get(instance, i);
            if (v == null) {
                throw new OrmUsageException("history(" + m.simpleName() + "): the instance has no primary key yet; "
                        + "save it first");
            }
            key = key.and(Sql.field(ht, m.fields().get(i).column(), Object.class).eq(v));
        }
        List<SelectItem> inner = columns(m, h, ht);
        for (String b : HistoryTable.BOOKKEEPING) {
            inner.add(Sql.field(ht, b, Object.class).as(b));
        }
        Table d = Sql.select(inner.toArray(SelectItem[]::new)).from(ht).where(key).asTable(m.table());
        QuerySpec<T> q = QuerySpec.all(type);
        Database db = orm.database(null);
        EntityMapper<T> mapper = EntityMapper.of(orm, q, db.engine());
        List<SelectItem> items = new ArrayList<>(mapper.items());
        for (String b : HistoryTable.BOOKKEEPING) {
            items.add(Sql.field(d, b, Object.class));
        }
        return Sql.select(items.toArray(SelectItem[]::new)).from(d)
                .orderBy(Sql.field(d, HistoryTable.HISTORY_ID, Object.class).asc()).statement(db)
                .list(rs -> {
                    T state = mapper.map(rs);
                    Map<String, Object> fields = new LinkedHashMap<>();
                    for (int i = 0; i < m.fields().size(); i++) {
                        FieldMeta f = m.fields().get(i);
                        if (!h.excluded().contains(f.name())) {
                            // NULL in the history stays null (a primitive field would read it as its default)
                            fields.put(f.name(), rs.getObject(f.column()) == null ? null : type.get(state, i));
                        }
                    }
                    return new Version<>(state, instant(rs.getString(HistoryTable.VALID_FROM)),
                            instant(rs.getString(HistoryTable.VALID_TO)), rs.getString(HistoryTable.CHANGE_TYPE),
                            rs.getString(HistoryTable.CHANGED_BY), rs.getString(HistoryTable.CHANGE_REASON),
                            rs.getString(HistoryTable.TXID), fields);
                });
    }

    private static Instant instant(String text) {
        return text == null ? null : LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static List<SelectItem> columns(ModelMeta m, HistoryMeta h, Table ht) {
        List<SelectItem> items = new ArrayList<>();
        for (FieldMeta f : m.fields()) {
            items.add(h.excluded().contains(f.name()) ? Sql.raw("NULL").as(f.column())
                    : Sql.field(ht, f.column(), Object.class).as(f.column()));
        }
        return items;
    }

    /** Databases known to have the prune-horizon table (it is never dropped by Covet, so a hit stays true). */
    private static final java.util.Set<Database> HORIZON_SEEN =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    /** The first recorded version's start (lowest {@code history_id}, read through the primary key). */
    private static String firstVersion(Database d, HistoryMeta h) {
        // not a scan for any version before t: that would wade through the dead row versions the triggers'
        // valid_to updates leave on PostgreSQL
        return "SELECT " + d.dialect().quote(HistoryTable.VALID_FROM) + " FROM " + d.dialect().quote(h.table())
                + " ORDER BY " + d.dialect().quote(HistoryTable.HISTORY_ID) + " LIMIT 1";
    }

    /** The prune point of {@code h} ({@code ?} = its table name), read through the horizon's primary key. */
    private static String prunePoint(Database d) {
        return "SELECT " + d.dialect().quote("pruned_before") + " FROM " + d.dialect().quote(HistoryTable.HORIZON_TABLE)
                + " WHERE " + d.dialect().quote("history_table") + " = ?";
    }

    /**
     * Refuses {@code t} when {@code m}'s history cannot answer it: before the first recorded version, or before the
     * point up to which {@code AuditTrail.prune} deleted versions (the state then is no longer complete). One
     * statement; until the horizon table is known to exist on {@code d} it also asks the catalog whether it does.
     */
    private static void requireKnown(Database d, ModelMeta m, HistoryMeta h, java.time.Instant t) {
        boolean horizon = HORIZON_SEEN.contains(d);
        if (!horizon) {
            List<io.covet.core.Row> rows = d.sql("SELECT (" + firstVersion(d, h) + ") AS f, "
                    + HistoryTriggers.of(d.dialect()).tableCount(HistoryTable.HORIZON_TABLE) + " AS n").list();
            if (rows.get(0).getLong("n") == 0) {
                verify(m, h, t, rows.get(0).getString("f"), null);
                return;
            }
            HORIZON_SEEN.add(d);
        }
        io.covet.core.Row r = d.sql("SELECT (" + firstVersion(d, h) + ") AS f, (" + prunePoint(d) + ") AS p",
                h.table()).list().get(0);
        verify(m, h, t, r.getString("f"), r.getString("p"));
    }

    /** Refuses {@code t} given the first version's start {@code first} and the prune point (both null when none). */
    private static void verify(ModelMeta m, HistoryMeta h, Instant t, String first, String pruned) {
        if (pruned != null) {
            if (t.isBefore(Instant.parse(pruned))) {
                throw new OrmUsageException("asOf(" + t + ") on " + m.simpleName() + " is before its prune point "
                        + pruned + ": the versions of " + h.table() + " that ended by then were deleted (covet audit "
                        + "prune), so the state at that instant is no longer known; ask for an instant at or after "
                        + pruned);
            }
            return; // the prune deleted versions, so the history began before its point
        }
        if (first == null || instant(first).isAfter(t)) {
            throw new OrmUsageException("asOf(" + t + ") on " + m.simpleName() + " is before its history "
                    + "began (the first version in " + h.table() + " starts after it); the state before the history "
                    + "was recorded is unknown");
        }
    }

    /** Column labels of the folded check ({@link #foldedCheck}). */
    static final String FIRST_LABEL = "covet_asof_first";
    static final String PRUNED_LABEL = "covet_asof_pruned";

    /**
     * The began/prune check of {@code q}'s root as two select items (labels {@link #FIRST_LABEL},
     * {@link #PRUNED_LABEL}), so that a list query reads it with its rows in one statement instead of sending the
     * check first; null when it cannot be folded (the horizon table not yet known on the database, MariaDB system
     * versioning). The caller verifies the values of any row with {@link #verifyFolded}, or, when no row came
     * back, runs the check with {@link #check}.
     */
    static List<SelectItem> foldedCheck(OrmRuntime orm, QuerySpec<?> q) {
        Database d = orm.database(q.database());
        ModelMeta m = q.type().meta();
        if (m.history() == null || SystemTimeReads.versioned(m) || !HORIZON_SEEN.contains(d)) {
            return null;
        }
        return List.of(Sql.raw("(" + firstVersion(d, m.history()) + ")").as(FIRST_LABEL),
                Sql.raw("(" + prunePoint(d) + ")", m.history().table()).as(PRUNED_LABEL));
    }

    /** Refuses {@code q}'s instant given the values of the folded check read with a row. */
    static void verifyFolded(QuerySpec<?> q, String first, String pruned) {
        ModelMeta m = q.type().meta();
        verify(m, m.history(), q.asOf(), first, pruned);
    }

    /** Runs the began/prune check of {@code q}'s root as its own statement. */
    static void check(OrmRuntime orm, QuerySpec<?> q) {
        ModelMeta m = q.type().meta();
        requireKnown(orm.database(q.database()), m, history(m), q.asOf());
    }

    /** The rows of {@code m} as of {@code t}, as a SELECT of its columns from its history table. */
    private static Select stateAt(Database d, ModelMeta m, HistoryMeta h, Instant t) {
        return stateAt(d, m, h, t, true);
    }

    /** As above; {@code checked} false when the caller reads the check with the rows ({@link #foldedCheck}). */
    private static Select stateAt(Database d, ModelMeta m, HistoryMeta h, Instant t, boolean checked) {
        if (SystemTimeReads.versioned(m)) {
            return SystemTimeReads.stateAt(d, m, t);
        }
        if (checked) {
            requireKnown(d, m, h, t);
        }
        Object tv = HistoryTriggers.of(d.dialect()).timeValue(t);
        Table ht = Sql.table(h.table());
        Column<Object> from = Sql.field(ht, HistoryTable.VALID_FROM, Object.class);
        List<SelectItem> items = columns(m, h, ht);
        Column<Object> to = Sql.field(ht, HistoryTable.VALID_TO, Object.class);
        Condition visible = from.le(tv).and(to.isNull().or(to.gt(tv)))
                .and(Sql.field(ht, HistoryTable.CHANGE_TYPE, String.class).ne("-"));
        return Sql.select(items.toArray(SelectItem[]::new)).from(ht).where(visible);
    }

    static Table table(OrmRuntime orm, QuerySpec<?> q) {
        return table(orm, q, true);
    }

    /** As above; {@code checked} false when the root's check is read with the rows ({@link #foldedCheck}). */
    static Table table(OrmRuntime orm, QuerySpec<?> q, boolean checked) {
        ModelMeta m = q.type().meta();
        HistoryMeta h = history(m);
        if (q.selfSubquery() && !q.asOf().equals(q.subqueriesAsOf())) {
            throw new OrmUsageException("asOf(" + q.asOf() + ") with a filter or exclude across a reverse or "
                    + "many-to-many relation made before it" + (q.subqueriesAsOf() == null ? ""
                    : " (as of " + q.subqueriesAsOf() + ")") + ": that filter is a subquery built over the "
                    + (q.subqueriesAsOf() == null ? "current tables" : "state of another instant") + ", which would "
                    + "mix two points in time; call asOf(" + q.asOf() + ") before such filters (they are then read "
                    + "as of the same instant), or query without asOf");
        }
        if (!q.prefetch().isEmpty()) {
            for (io.covet.orm.Path<?, ?, ?> p : q.prefetch()) {
                for (io.covet.orm.Path<?, ?, ?> prefix : Paths.prefixes(p)) {
                    related(orm, Paths.last(prefix), "prefetchRelated");
                }
            }
        }
        return stateAt(orm.database(q.database()), m, h, q.asOf(), checked).asTable(m.table());
    }

    /**
     * The model a joined step reaches, checked to have a history that can be read as of an instant.
     *
     * @throws OrmUsageException for a target without {@code @History}, and for a many-to-many step whose link
     *                           rows at the instant are unknown: an automatic link table (it keeps no history) or a
     *                           through model without {@code @History}
     */
    static ModelType<?> related(OrmRuntime orm, PathStep s, String how) {
        ModelType<?> target = orm.type(s.targetModel());
        if (s.kind() == PathStep.Kind.MANY_TO_MANY) {
            ModelType<?> source = orm.type(s.sourceModel());
            io.covet.orm.spi.ManyToManyMeta mm = source.meta().manyToMany().stream()
                    .filter(x -> x.name().equals(s.name())).findFirst().orElseThrow();
            String relation = source.meta().simpleName() + "." + s.name();
            if (mm.automatic()) {
                throw new OrmUsageException("asOf with " + how + " across the many-to-many relation " + relation
                        + ": its automatic link table " + mm.table() + " keeps no history, so which rows were linked "
                        + "at that instant is unknown (Covet does not answer with today's links); declare the "
                        + "relation with @ManyToMany(through = ...) naming a link model with @History (its two "
                        + "foreign keys), migrate, and the links are then read as of the same instant; or query "
                        + "without asOf");
            }
            ModelMeta through = orm.type(mm.throughModel()).meta();
            if (through.history() == null) {
                throw new OrmUsageException("asOf with " + how + " across the many-to-many relation " + relation
                        + ": its through model " + through.simpleName() + " has no @History, so which rows were "
                        + "linked at that instant is unknown (Covet does not answer with today's links); annotate "
                        + through.simpleName() + " with @History and migrate, or query without asOf");
            }
        }
        if (target.meta().history() == null) {
            throw new OrmUsageException("asOf with " + how + " of " + s.name() + ": " + target.meta().simpleName()
                    + " has no @History, so its rows at that instant are unknown (joining its current rows would "
                    + "mix two points in time); annotate " + target.meta().simpleName() + " with @History and "
                    + "migrate, or drop the relation from the asOf query");
        }
        return target;
    }

    /**
     * The link rows of the many-to-many relation {@code relation} of {@code source} as of {@code t}, under
     * {@code alias}: its through model's state at {@code t} (checked like any model: history began, prune point).
     * {@link #related} must have accepted the relation.
     */
    static Table links(OrmRuntime orm, String database, ModelType<?> source, String relation, Instant t,
                       String alias) {
        io.covet.orm.spi.ManyToManyMeta mm = source.meta().manyToMany().stream()
                .filter(x -> x.name().equals(relation)).findFirst().orElseThrow();
        ModelMeta through = orm.type(mm.throughModel()).meta();
        return stateAt(orm.database(database), through, history(through), t).asTable(alias);
    }

    /** The rows of {@code target} as of {@code t} under its own table name, for a query over it. */
    static Table state(OrmRuntime orm, String database, ModelType<?> target, Instant t) {
        ModelMeta m = target.meta();
        return stateAt(orm.database(database), m, history(m), t).asTable(m.table());
    }

    /**
     * The joined model of {@code s} as of {@code t}, under {@code alias}: what a join reads in place of the live
     * table so the related rows are those of the same instant.
     */
    static Table joined(OrmRuntime orm, QuerySpec<?> q, PathStep s, String alias) {
        ModelMeta m = related(orm, s, "a join or selectRelated").meta();
        return stateAt(orm.database(q.database()), m, m.history(), q.asOf()).asTable(alias);
    }
}
